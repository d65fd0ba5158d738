import { paths } from './paths.ts';
import { runToEnd } from './processes.ts';
import type { BuildTiming } from './results.ts';

/**
 * How long `turbo run build` takes with nothing cached (--force), and right after, with
 * everything cached, which Turborepo should answer from its cache alone (">>> FULL TURBO").
 */
export async function timeBuilds(): Promise<BuildTiming> {
  const coldSeconds = await timed(() => build(['--force']));
  let output = '';
  const cachedSeconds = await timed(async () => {
    output = await build([]);
  });
  return { coldSeconds, cachedSeconds, fullTurbo: output.includes('FULL TURBO') };
}

async function build(flags: string[]): Promise<string> {
  const args = ['turbo', 'run', 'build', ...flags, '--output-logs=errors-only'];
  const { stdout } = await runToEnd(`npx ${args.join(' ')}`, 'npx', args, { cwd: paths.root, env: ownEnv() });
  return stdout;
}

/** The suite's environment without the variables of the `turbo run bench` it may run under. */
function ownEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('TURBO_')));
}

async function timed(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return (performance.now() - started) / 1000;
}
