import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';

/** The production build, as `npm start` runs it. */
const apiDir = new URL('../', import.meta.url).pathname;
const builtMain = 'dist/main.js';

/** Every process started here, so afterAll can end the ones a failed test left running. */
const running = new Set<ChildProcess>();

export interface SpawnedApi {
  url: string;
  pid: number;
  child: ChildProcess;
  /** From spawn to the first 200 from /readyz, in ms. */
  readyAfterMs: number;
  /** Resolves when the process has ended, with how. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** The last lines the process wrote (stdout and stderr), for failure messages. */
  output(): string;
}

/**
 * The built API on 127.0.0.1, on `databaseUrl`, started with the flags `npm start` uses. It
 * binds port 0 and says which port it got over an IPC channel (main.ts), so no other process can
 * take the port between a choice and the bind. Write limits are lifted: a stress run is one
 * client sending thousands of writes, which the limits exist to refuse. Resolves once it listens
 * and /readyz answers 200.
 */
export async function spawnApi(databaseUrl: string, env: Record<string, string> = {}): Promise<SpawnedApi> {
  if (!existsSync(`${apiDir}${builtMain}`)) {
    throw new Error(`apps/api/${builtMain} is missing: run "npm run build" first`);
  }
  const started = performance.now();
  const child = spawn(process.execPath, ['--max-semi-space-size=8', builtMain], {
    cwd: apiDir,
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      API_PORT: '0',
      API_HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      API_RATE_LIMIT_WRITES: '1000000',
      API_RATE_LIMIT_COMMENTS: '1000000',
      API_RATE_LIMIT_BAD_TOKENS: '1000000',
      // As `npm start` runs it (scripts/start.mjs): two malloc arenas, so resident memory
      // follows what is in use rather than how many threads happened to allocate.
      MALLOC_ARENA_MAX: '2',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  running.add(child);
  let output = '';
  const keep = (chunk: Buffer) => {
    // Only the tail: a long run must not fill the test's memory with log lines.
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => {
      running.delete(child);
      resolve({ code, signal });
    });
  });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the API did not listen within 60 s:\n${output}`));
    }, 60_000);
    child.once('message', (message: { ready?: string }) => {
      clearTimeout(timer);
      if (typeof message.ready === 'string') resolve(message.ready);
      else reject(new Error(`the API said ${JSON.stringify(message)} instead of where it listens`));
    });
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`the API exited before it was ready:\n${output}`));
    });
  });
  // Only this test talks to the child: the channel must not keep the test's process alive.
  child.disconnect();
  const res = await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(10_000) });
  await res.arrayBuffer();
  if (res.status !== 200) {
    child.kill('SIGKILL');
    throw new Error(`the API listens at ${url} but is not ready (${res.status}):\n${output}`);
  }
  return {
    url,
    pid: child.pid as number,
    child,
    readyAfterMs: performance.now() - started,
    exited,
    output: () => output,
  };
}

/** Kills every process this file started that is still running: for afterAll, on failure too. */
export async function killAll(): Promise<void> {
  const ended = [...running].map(
    (child) =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGKILL');
      }),
  );
  await Promise.all(ended);
}

/** Resident memory of a process, in MB, from /proc (Linux). */
export function residentMegabytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kilobytes = /^VmRSS:\s+(\d+) kB$/m.exec(status)?.[1];
  if (kilobytes === undefined) throw new Error(`no VmRSS in /proc/${pid}/status`);
  return Number(kilobytes) / 1024;
}
