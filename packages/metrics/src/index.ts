export { type MetricsServer, serveMetrics } from './metrics-server.js';
export { newRegistry } from './registry.js';
export { type RequestMetrics, requestMetrics } from './request-metrics.js';
