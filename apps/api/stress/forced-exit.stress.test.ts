import { connect } from 'node:net';
import { afterAll, expect, it } from 'vitest';
import { killAll, spawnApi } from './spawned-api.js';

/**
 * API_SHUTDOWN_TIMEOUT_MS is a promise to whoever deploys the API: a request that never finishes
 * cannot hold a stopping process. The built API gets SIGTERM while a request's body is still to
 * come (and, with the request timeouts set far away, would never come): it waits the shutdown
 * timeout, cuts the request off, says so in its log, and exits 1 (not drained) within the
 * timeout and a margin.
 */
const shutdownTimeoutMs = 2_000;
/** Generous: it only tells a process that stops from one that does not. */
const marginMs = 15_000;

afterAll(killAll);

it('exits 1 once API_SHUTDOWN_TIMEOUT_MS has passed, cutting off a request that never finishes', async () => {
  const api = await spawnApi(':memory:', {
    API_SHUTDOWN_TIMEOUT_MS: String(shutdownTimeoutMs),
    API_HEADERS_TIMEOUT_MS: '600000',
    API_REQUEST_TIMEOUT_MS: '3600000',
  });

  // The head of a POST whose body never follows whole; "100 Continue" says the API has taken it.
  const socket = connect(Number(new URL(api.url).port), '127.0.0.1');
  socket.setEncoding('utf8');
  socket.on('error', () => {});
  let received = '';
  const taken = new Promise<void>((resolve) => {
    socket.on('data', (chunk: string) => {
      received += chunk;
      if (received.includes('100 Continue')) resolve();
    });
  });
  const cutOff = new Promise<void>((resolve) => socket.on('close', () => resolve()));
  socket.write(
    'POST /article.create HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n' +
      'Content-Length: 1000\r\nExpect: 100-continue\r\n\r\n',
  );
  await taken;
  socket.write('{"headline":');

  const signalAt = performance.now();
  api.child.kill('SIGTERM');
  let bound: NodeJS.Timeout | undefined;
  const stillRunning = new Promise<'still running'>((resolve) => {
    bound = setTimeout(resolve, shutdownTimeoutMs + marginMs, 'still running');
  });
  const exit = await Promise.race([api.exited, stillRunning]);
  clearTimeout(bound);
  const stoppedAfterMs = performance.now() - signalAt;
  expect(exit, api.output()).not.toBe('still running');
  const { code, signal } = exit as Awaited<typeof api.exited>;
  await cutOff;

  expect({ code, signal }).toEqual({ code: 1, signal: null });
  expect(stoppedAfterMs).toBeGreaterThanOrEqual(shutdownTimeoutMs - 50);
  expect(stoppedAfterMs).toBeLessThan(shutdownTimeoutMs + marginMs);
  // The request got no answer: it was cut off, not finished.
  expect(received).not.toMatch(/HTTP\/1\.1 [2-5]\d\d /);
  expect(api.output()).toContain('In-flight requests did not finish in time');
});
