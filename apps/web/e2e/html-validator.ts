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

/**
 * Errors the W3C Nu HTML Checker (the validator behind validator.w3.org/nu, run locally from the
 * vnu-jar package) finds in each page. One Java start for all pages: it is the slow part.
 */
export function htmlErrors(pages: Record<string, string>): HtmlProblem[] {
  const java = spawnSync('java', ['-version'], { encoding: 'utf8' });
  if (java.error || java.status !== 0) {
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
      'java',
      ['-jar', vnuJar, '--format', 'json', '--exit-zero-always', ...files.map((f) => f.file)],
      { encoding: 'utf8', maxBuffer: 50_000_000 },
    );
    if (run.error) throw run.error;
    const report = JSON.parse(run.stderr || '{"messages":[]}') as {
      messages: { type: string; subType?: string; url?: string; message: string; extract?: string }[];
    };
    return report.messages
      .filter((m) => m.type === 'error' || m.type === 'non-document-error')
      .map((m) => ({
        page: files.find((f) => m.url?.endsWith(f.file))?.name ?? m.url ?? '?',
        message: m.message,
        extract: m.extract,
      }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
