/** What the API package offers to other code: the server, its config, and the router's type for clients. */
export { type CreateApiOptions, createApi } from './app.js';
export { type ApiConfig, loadApiConfig } from './config.js';
export type { AppRouter } from './root.js';
