import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Every child the suite starts, so that an error, Ctrl-C or a normal end stops them all. Each
 * child leads its own process group (detached), so a stop reaches whatever it started in turn
 * (npx → turbo → tasks), and the terminal's Ctrl-C reaches only the suite, which stops them in order.
 */
const running = new Set<ChildProcess>();
let interrupted = false;

/** Whether a signal is stopping the suite: the failures it causes in flight are not worth reporting. */
export function isInterrupted(): boolean {
  return interrupted;
}

export interface RunningProcess {
  readonly name: string;
  readonly pid: number;
  /** Resolves when the process ends, with how: "exit code 1", "signal SIGTERM". */
  readonly ended: Promise<string>;
  /** How it ended, or null while it runs. */
  endedHow(): string | null;
  /** Its last lines of output (stderr and stdout), for one-line error messages. */
  outputTail(): string;
  /** SIGTERM to its group, then SIGKILL if it has not ended after `graceMs`. */
  stop(graceMs?: number): Promise<void>;
}

export interface StartOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Called with each line the process writes to stdout. */
  onStdoutLine?: (line: string) => void;
}

const tailLines = 20;

export function startProcess(
  name: string,
  command: string,
  args: readonly string[],
  options: StartOptions = {},
): RunningProcess {
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: options.env ?? process.env,
    // stdin stays open: the baseline server ends itself when it closes, even if the suite is killed.
    stdio: ['pipe', 'pipe', 'pipe'],
    detached: true,
  });
  running.add(child);
  const tail: string[] = [];
  const remember = (line: string) => {
    if (line.trim() === '') return;
    tail.push(line);
    if (tail.length > tailLines) tail.shift();
  };
  forEachLine(child.stdout, (line) => {
    remember(line);
    options.onStdoutLine?.(line);
  });
  forEachLine(child.stderr, remember);

  const ended = new Promise<string>((resolve) => {
    child.on('error', (error) => {
      running.delete(child);
      remember(error.message);
      resolve(`could not start: ${error.message}`);
    });
    // 'close', not 'exit': by then its output has all been read.
    child.on('close', (code, signal) => {
      running.delete(child);
      resolve(signal ? `signal ${signal}` : `exit code ${code}`);
    });
  });
  let how: string | null = null;
  void ended.then((end) => {
    how = end;
  });

  return {
    name,
    pid: child.pid ?? -1,
    ended,
    endedHow: () => how,
    outputTail: () => oneLine(tail),
    async stop(graceMs = 5_000) {
      if (how !== null) return;
      signalGroup(child, 'SIGTERM');
      const timer = sleep(graceMs).then(() => 'timeout');
      if ((await Promise.race([ended, timer])) === 'timeout') {
        signalGroup(child, 'SIGKILL');
        await ended;
      }
    },
  };
}

/** Runs a command to its end; rejects with one line (its output's tail) unless it exits with 0. */
export async function runToEnd(
  name: string,
  command: string,
  args: readonly string[],
  options: Omit<StartOptions, 'onStdoutLine'> = {},
): Promise<{ stdout: string }> {
  let stdout = '';
  const started = startProcess(name, command, args, {
    ...options,
    onStdoutLine: (line) => {
      stdout += `${line}\n`;
    },
  });
  const how = await started.ended;
  if (how !== 'exit code 0') throw new Error(`${name} failed (${how}): ${started.outputTail()}`);
  return { stdout };
}

/** Polls `url` until it answers 200; rejects with the process's output if it ends or takes too long. */
export async function waitUntilAnswering(
  service: RunningProcess,
  url: string,
  timeoutMs = 60_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer';
  while (Date.now() < deadline) {
    const ended = service.endedHow();
    if (ended !== null) {
      throw new Error(`${service.name} stopped (${ended}) before ${url} answered: ${service.outputTail()}`);
    }
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      await response.arrayBuffer();
      if (response.status === 200) return;
      last = `status ${response.status}`;
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
    }
    await sleep(100);
  }
  throw new Error(
    `${service.name} did not answer ${url} within ${timeoutMs / 1000} s (${last}): ${service.outputTail()}`,
  );
}

/** Stops every child still running, all at once (each gets its grace period). */
export async function stopAll(): Promise<void> {
  await Promise.all(
    [...running].map(async (child) => {
      const ended = new Promise((resolve) => child.once('close', resolve));
      signalGroup(child, 'SIGTERM');
      if ((await Promise.race([ended, sleep(5_000).then(() => 'timeout')])) === 'timeout') {
        signalGroup(child, 'SIGKILL');
      }
    }),
  );
}

/**
 * Stops the children whatever ends the suite: Ctrl-C and SIGTERM stop them in order and exit
 * with 130/143; if the suite exits any other way with children left, they are killed on the spot.
 */
export function stopChildrenOnExit(): void {
  process.on('exit', () => {
    for (const child of running) signalGroup(child, 'SIGKILL');
  });
  for (const [signal, code] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
    ['SIGHUP', 129],
  ] as const) {
    process.once(signal, () => {
      interrupted = true;
      console.error(`\nbench: ${signal}: stopping ${running.size} processes`);
      void stopAll().finally(() => process.exit(code));
    });
  }
}

/** A port nobody listens on now, on 127.0.0.1. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** The most memory a process has held (VmHWM in /proc/<pid>/status), in bytes; undefined when unknown. */
export function peakRssBytes(pid: number): number | undefined {
  try {
    return peakRssBytesOf(readFileSync(`/proc/${pid}/status`, 'utf8'));
  } catch {
    return undefined;
  }
}

export function peakRssBytesOf(status: string): number | undefined {
  const match = /^VmHWM:\s+(\d+) kB$/m.exec(status);
  return match ? Number(match[1]) * 1024 : undefined;
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  // Only groups whose leader the suite still waits for: a finished group's id may be reused.
  if (child.pid === undefined || !running.has(child)) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // The group is gone already.
  }
}

function forEachLine(stream: NodeJS.ReadableStream | null, onLine: (line: string) => void): void {
  let rest = '';
  stream?.setEncoding('utf8');
  stream?.on('data', (chunk: string) => {
    const lines = (rest + chunk).split('\n');
    rest = lines.pop() ?? '';
    for (const line of lines) onLine(line);
  });
  stream?.on('end', () => {
    if (rest !== '') onLine(rest);
  });
}

function oneLine(lines: readonly string[]): string {
  const text = lines.slice(-5).join(' | ').replace(/\s+/g, ' ').trim();
  if (text === '') return '(it printed nothing)';
  return text.length > 400 ? `…${text.slice(-400)}` : text;
}
