import { spawn, spawnSync } from 'node:child_process';
import { describe } from 'vitest';

/**
 * The words every promtool suite's name carries: CI (scripts/check-server-suites.mjs) fails
 * if any such suite was skipped, as it does for the PostgreSQL-server suites.
 */
export const promtoolSuiteMarker = 'checked by promtool';

/** Whether Prometheus's `promtool` is installed (Debian's package `prometheus`; CI installs it). */
export const hasPromtool = spawnSync('promtool', ['--version'], { stdio: 'ignore' }).status === 0;

/** A suite that needs promtool: skipped without it, which CI does not allow. */
export function describeWithPromtool(title: string, body: () => void): void {
  describe.skipIf(!hasPromtool)(`${title} ${promtoolSuiteMarker}`, body);
}

export interface PromtoolResult {
  exitCode: number;
  /** What promtool printed: each problem on a line. */
  output: string;
}

/** `promtool check metrics` over a scrape's text (0: no problems). */
export function checkMetrics(text: string): Promise<PromtoolResult> {
  return promtool(['check', 'metrics'], text);
}

/** `promtool check rules` over a rules file (0: valid). */
export function checkRules(file: string): Promise<PromtoolResult> {
  return promtool(['check', 'rules', file]);
}

/** `promtool test rules` over a file of rule tests (0: every alert fired as the tests say). */
export function testRules(file: string): Promise<PromtoolResult> {
  return promtool(['test', 'rules', file]);
}

function promtool(args: string[], input?: string): Promise<PromtoolResult> {
  return new Promise((resolve, reject) => {
    const child = spawn('promtool', args, { stdio: ['pipe', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
    });
    child.stderr.on('data', (chunk) => {
      output += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ exitCode: code ?? -1, output }));
    child.stdin.end(input);
  });
}
