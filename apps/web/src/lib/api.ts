import { createNewsroomClient } from '@newsroom/api/client';
import { loadWebConfig } from '../../config.mjs';

const loaded = loadWebConfig(process.env);
if (!loaded.ok) throw new Error(loaded.message);

/** The site's validated configuration (API_URL, SITE_URL, SITE_NAME, …). */
export const webConfig = loaded.config;

/** The one API client the site uses; pages reach data only through it. */
export const api = createNewsroomClient(loaded.config.API_URL);
