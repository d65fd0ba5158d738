// Loaded with `node --import` by tracing.test.ts: prints each OpenTelemetry package a process
// loads (its own API excepted, which is only interfaces and no-ops), once, on stderr, so a test
// can tell a process that loaded the SDK from one that did not.
import { registerHooks } from 'node:module';

const seen = new Set();
registerHooks({
  load(url, context, nextLoad) {
    const found = /node_modules\/(@opentelemetry\/[^/]+|@fastify\/otel)\//.exec(url);
    const name = found?.[1];
    if (name !== undefined && name !== '@opentelemetry/api' && !seen.has(name)) {
      seen.add(name);
      process._rawDebug(`telemetry module: ${name}`);
    }
    return nextLoad(url, context);
  },
});
