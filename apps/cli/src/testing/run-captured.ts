import type { CliIo } from '../cli-io.js';
import { runCli } from '../run-cli.js';

/**
 * Runs the CLI as a test would type it, capturing what it prints. `withStatus` also captures the
 * progress line (as if stderr were a terminal).
 */
export async function runCaptured(
  argv: string[],
  env: Record<string, string | undefined>,
  options: { withStatus?: boolean } = {},
) {
  const out: string[] = [];
  const err: string[] = [];
  const status: string[] = [];
  const io: CliIo = { out: (l) => out.push(l), err: (l) => err.push(l) };
  if (options.withStatus) io.status = (l) => status.push(l);
  const code = await runCli(argv, env, io);
  return { code, lines: out, out: out.join('\n'), err: err.join('\n'), status };
}
