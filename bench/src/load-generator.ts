import { spawnSync } from 'node:child_process';
import { accessSync, constants, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { delimiter, join } from 'node:path';
import type { LoadGeneratorChoice } from './args.ts';
import { parseAutocannonJson } from './autocannon.ts';
import type { LoadResult } from './load-result.ts';
import { runToEnd } from './processes.ts';
import { parseWrkOutput } from './wrk.ts';

export interface LoadGenerator {
  name: 'wrk' | 'autocannon';
  /** As the tool reports it, for the report's header. */
  version: string;
  /** A warning for the report when the tool itself limits the figures. */
  caveat: string | null;
  /** Keeps `connections` connections busy with GETs of `url` for `seconds` seconds. */
  run(url: string, seconds: number, connections: number): Promise<LoadResult>;
}

/**
 * wrk when it is on PATH: written in C, one thread of it drives a Node server on the other core
 * without being the bottleneck. Otherwise autocannon from npm, which runs on Node's single thread.
 */
export function loadGenerator(choice: LoadGeneratorChoice): LoadGenerator {
  const wrk = choice === 'autocannon' ? null : onPath('wrk');
  if (wrk) return wrkGenerator(wrk);
  if (choice === 'wrk') throw new Error('wrk is not on PATH (install it, e.g. apt-get install wrk)');
  return autocannonGenerator(choice === 'auto');
}

function wrkGenerator(wrk: string): LoadGenerator {
  // `wrk -v` prints its version, then its usage, and exits with 1.
  const { stdout, stderr } = spawnSync(wrk, ['-v'], { encoding: 'utf8', timeout: 5_000 });
  return {
    name: 'wrk',
    version: /^wrk (\S+)/m.exec(`${stdout}${stderr}`)?.[1] ?? 'unknown version',
    caveat: null,
    async run(url, seconds, connections) {
      // One thread (one core), so the server under test keeps the other core of a 2-core machine.
      const args = ['-t1', `-c${connections}`, `-d${seconds}s`, '--latency', url];
      const { stdout } = await runToEnd('wrk', wrk, args);
      return parseWrkOutput(stdout);
    },
  };
}

function autocannonGenerator(wrkMissing: boolean): LoadGenerator {
  const require = createRequire(import.meta.url);
  const packageFile = require.resolve('autocannon/package.json');
  const { version, bin } = JSON.parse(readFileSync(packageFile, 'utf8')) as {
    version: string;
    bin: { autocannon: string };
  };
  const script = join(packageFile, '..', bin.autocannon);
  return {
    name: 'autocannon',
    version,
    caveat: wrkMissing
      ? 'wrk was not found on PATH, so autocannon makes the load: its single thread saturates near ' +
        '30–45k req/s on a 2-core machine (wrk: 65–70k), which understates the baseline and so inflates every ' +
        'ratio; its latencies are whole milliseconds.'
      : 'autocannon makes the load: its latencies are whole milliseconds.',
    async run(url, seconds, connections) {
      const args = [script, '--json', '-c', String(connections), '-d', String(seconds), url];
      const { stdout } = await runToEnd('autocannon', process.execPath, args);
      return parseAutocannonJson(stdout);
    },
  };
}

function onPath(command: string): string | null {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir === '') continue;
    const file = join(dir, command);
    try {
      accessSync(file, constants.X_OK);
      return file;
    } catch {
      // Not here.
    }
  }
  return null;
}
