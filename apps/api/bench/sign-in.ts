/**
 * What a sign-in costs, and whether an unknown email can be told from a wrong password by the
 * time it takes: auth.signIn over HTTP against the built API on a SQLite file, alternating a
 * wrong password for a real account with an address nobody has (checked against a stand-in
 * hash, by design as slow), then the right password. Medians of many tries; the throttle is
 * cleared before each, so every try does the whole work. Prints figures and never fails.
 *
 *   npm run bench                                  (from the root: every workspace's benchmarks)
 *   BENCH_RUNS=41 npm run bench --workspace=@newsroom/api
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestApi } from '@newsroom/api/testing';
import { openStore } from '@newsroom/db';
import { hashPassword } from '../dist/people/passwords.js';

const quick = process.env.BENCH_QUICK === '1';
const runs = Number(process.env.BENCH_RUNS ?? (quick ? 5 : 21));
const password = 'tangerine orbit fossil kettle';

const dir = mkdtempSync(join(tmpdir(), 'newsroom-bench-sign-in-'));
const store = await openStore(`file:${join(dir, 'newsroom.db')}`);
const api = await startTestApi(store);
try {
  const person = await store.people.invite({ email: 'ada@example.com', name: 'Ada', role: 'editor' });
  await store.people.setPasswordHash(person.id, await hashPassword(password));

  const signIn = async (email: string, typed: string) => {
    await store.signInThrottle.clear([`email:${email}`, 'address:127.0.0.1']);
    const started = performance.now();
    const answer = await fetch(`${api.url}/auth.signIn`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: typed }),
    });
    await answer.text();
    return { ms: performance.now() - started, status: answer.status };
  };

  const times: Record<string, number[]> = { 'wrong password': [], 'unknown email': [], 'right password': [] };
  await signIn('ada@example.com', 'warm-up guess'); // first-request costs stay out of the figures
  for (let run = 0; run < runs; run++) {
    for (const [label, email, typed, expected] of [
      ['wrong password', 'ada@example.com', `not it ${run}`, 401],
      ['unknown email', `nobody${run}@example.com`, `not it ${run}`, 401],
      ['right password', 'ada@example.com', password, 200],
    ] as const) {
      const { ms, status } = await signIn(email, typed);
      if (status !== expected) throw new Error(`${label}: expected ${expected}, got ${status}`);
      times[label]?.push(ms);
    }
  }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
  const baseline = median(times['wrong password'] ?? []);
  console.log(
    `auth.signIn over HTTP, ${runs} tries each, scrypt N=2^15 r=8 p=3 (median ms, ratio to a wrong password)`,
  );
  for (const [label, values] of Object.entries(times)) {
    const ms = median(values);
    console.log(`  ${label.padEnd(16)} ${ms.toFixed(1).padStart(8)} ms   ×${(ms / baseline).toFixed(2)}`);
  }
} finally {
  await api.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
}
