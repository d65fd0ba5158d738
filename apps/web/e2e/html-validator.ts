import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const vnuJar = createRequire(import.meta.url).resolve('vnu-jar/build/dist/vnu.jar');

export interface HtmlProblem {
  page: string;
  message: string;
  extract?: string;
}

interface Report {
  messages: { type: string; subType?: string; url?: string; message: string; extract?: string }[];
}

/** The checker's JSON report, or null when what it printed is not one. */
function reportIn(text: string): Report | null {
  try {
    const report = JSON.parse(text) as Partial<Report>;
    return Array.isArray(report.messages) ? (report as Report) : null;
  } catch {
    return null;
  }
}

/**
 * Errors the W3C Nu HTML Checker (the validator behind validator.w3.org/nu, run locally from the
 * vnu-jar package) finds in each page. One Java start for all pages: it is the slow part.
 *
 * An empty list must mean "checked, and valid": the checker says nothing about a file it could
 * not read, so it runs with --verbose (each file's name on stdout once checked), and anything
 * but a report that covers every page, with the exit status that goes with it, throws.
 * `java` is the command to run, for the tests of this function.
 */
export function htmlErrors(pages: Record<string, string>, { java = 'java' } = {}): HtmlProblem[] {
  const version = spawnSync(java, ['-version'], { encoding: 'utf8' });
  if (version.error || version.status !== 0) {
    throw new Error('The HTML check needs Java: apt-get install -y default-jre-headless');
  }
  const dir = mkdtempSync(join(tmpdir(), 'newsroom-html-'));
  try {
    const files = Object.entries(pages).map(([name, html], i) => {
      const file = join(dir, `${i}-${name.replace(/[^a-z0-9]+/gi, '-')}.html`);
      writeFileSync(file, html);
      return { name, file };
    });
    const run = spawnSync(
      java,
      ['-jar', vnuJar, '--format', 'json', '--verbose', ...files.map((f) => f.file)],
      {
        encoding: 'utf8',
        maxBuffer: 50_000_000,
      },
    );
    if (run.error) throw run.error;
    const said = `exit ${run.status ?? run.signal}; stdout: ${run.stdout.slice(0, 500) || '(nothing)'}; stderr: ${run.stderr.slice(0, 500) || '(nothing)'}`;
    const report = reportIn(run.stderr);
    if (!report) throw new Error(`The HTML checker gave no report (${said})`);
    const checked = new Set(run.stdout.split('\n'));
    const unchecked = files.filter((f) => !checked.has(f.file)).map((f) => f.name);
    if (unchecked.length > 0)
      throw new Error(`The HTML checker did not check ${unchecked.join(', ')} (${said})`);
    const errors = report.messages.filter((m) => m.type === 'error' || m.type === 'non-document-error');
    // It exits 1 when it found errors, 0 when it found none; anything else is the checker failing.
    if (run.status !== (errors.length > 0 ? 1 : 0)) throw new Error(`The HTML checker failed (${said})`);
    return errors.map((m) => ({
      page: files.find((f) => m.url?.endsWith(f.file))?.name ?? m.url ?? '?',
      message: m.message,
      extract: m.extract,
    }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
