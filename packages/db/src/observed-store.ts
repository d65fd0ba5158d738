import { SpanStatusCode, trace } from '@opentelemetry/api';
import type { Store } from './store.js';

/**
 * What an observer learns of each Store call: `articles.bySlug`, its duration, whether it threw,
 * and its arguments (the API counts audit entries by action from them).
 */
export type StoreCallObserver = (
  operation: string,
  seconds: number,
  failed: boolean,
  args: readonly unknown[],
) => void;

// Without a registered OpenTelemetry SDK this tracer is the API's no-op one: no spans, no cost
// beyond a function call.
const tracer = trace.getTracer('@newsroom/db');

/**
 * The same Store, with every repository call timed for `observe` (metrics) and wrapped in a
 * span named after it (`store articles.bySlug`), so a trace shows the Store's work beneath the
 * procedure that asked for it, on SQLite as on PostgreSQL (where the driver's own query spans
 * then nest inside). The change feed and close() pass through untouched: they are not queries.
 */
export function observedStore(store: Store, observe: StoreCallObserver = () => {}): Store {
  const repositories = new Map<PropertyKey, unknown>();
  return new Proxy(store, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (property === 'changes' || property === 'close') return value;
      if (typeof value === 'function') return timed(String(property), value.bind(target), observe);
      if (value === null || typeof value !== 'object') return value;
      let repository = repositories.get(property);
      if (repository === undefined) {
        repository = observedRepository(String(property), value, observe);
        repositories.set(property, repository);
      }
      return repository;
    },
  });
}

function observedRepository(name: string, repository: object, observe: StoreCallObserver): object {
  const methods = new Map<PropertyKey, unknown>();
  return new Proxy(repository, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      let method = methods.get(property);
      if (method === undefined) {
        method = timed(`${name}.${String(property)}`, value.bind(target), observe);
        methods.set(property, method);
      }
      return method;
    },
  });
}

function timed(
  operation: string,
  call: (...args: unknown[]) => unknown,
  observe: StoreCallObserver,
): (...args: unknown[]) => unknown {
  const spanName = `store ${operation}`;
  return (...args) =>
    tracer.startActiveSpan(spanName, (span) => {
      const started = performance.now();
      const settle = (failed: boolean, error?: unknown) => {
        observe(operation, (performance.now() - started) / 1_000, failed, args);
        if (failed) {
          span.recordException(error as Error);
          span.setStatus({ code: SpanStatusCode.ERROR });
        }
        span.end();
      };
      let result: unknown;
      try {
        result = call(...args);
      } catch (error) {
        settle(true, error);
        throw error;
      }
      if (!(result instanceof Promise)) {
        settle(false);
        return result;
      }
      return result.then(
        (value) => {
          settle(false);
          return value;
        },
        (error: unknown) => {
          settle(true, error);
          throw error;
        },
      );
    });
}
