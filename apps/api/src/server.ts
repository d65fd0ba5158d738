/** What the API package offers to other code: the server, and the router's type for clients. */
export { type ApiConfig, loadApiConfig } from './config.js';
export { type ApiServerOptions, createApiServer } from './http-server.js';
export type { AppRouter } from './root.js';
