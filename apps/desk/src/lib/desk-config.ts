import { loadDeskConfig } from '../../config.mjs';

const loaded = loadDeskConfig(process.env);
if (!loaded.ok) throw new Error(loaded.message);

/** The desk's validated configuration (DESK_URL, API_URL, API_TIMEOUT_MS, …), read once at import. */
export const deskConfig = loaded.config;
