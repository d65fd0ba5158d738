import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { htmlErrors } from './html-validator.js';

// The quality test's "zero HTML errors" is only worth something if the wrapper around the
// checker can tell a valid page from a checker that did not run.

const dir = mkdtempSync(join(tmpdir(), 'newsroom-fake-java-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A stand-in for `java` that answers -version, then runs `script` (sh) for the check itself. */
function fakeJava(name: string, script: string): string {
  const file = join(dir, name);
  writeFileSync(file, `#!/bin/sh\nif [ "$1" = "-version" ]; then exit 0; fi\n${script}\n`);
  chmodSync(file, 0o755);
  return file;
}

const valid =
  '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Fine</title></head><body><p>Fine.</p></body></html>';

describe('the HTML checker wrapper', () => {
  it('finds nothing in a valid page and names the page of each error', () => {
    expect(htmlErrors({ valid })).toEqual([]);
    const problems = htmlErrors({ valid, broken: valid.replace('<p>Fine.</p>', '<p><div>Not fine.</p>') });
    expect(problems.length).toBeGreaterThan(0);
    expect(new Set(problems.map((p) => p.page))).toEqual(new Set(['broken']));
  });

  it('fails when the checker prints nothing', () => {
    expect(() => htmlErrors({ valid }, { java: fakeJava('silent', 'exit 0') })).toThrow(/no report/);
  });

  it('fails when the checker fails', () => {
    const crashing = fakeJava('crashing', 'echo "Error: Unable to access jarfile" >&2; exit 1');
    expect(() => htmlErrors({ valid }, { java: crashing })).toThrow(/no report/);
  });

  it('fails when the checker reports on fewer pages than it was given, or with the wrong exit status', () => {
    const empty = `echo '{"messages":[]}' >&2`;
    expect(() => htmlErrors({ valid }, { java: fakeJava('skipping', `${empty}; exit 0`) })).toThrow(
      /did not check valid/,
    );
    const listing = 'for f in "$@"; do case "$f" in *.html) echo "$f";; esac; done';
    expect(() =>
      htmlErrors({ valid }, { java: fakeJava('failing', `${listing}; ${empty}; exit 2`) }),
    ).toThrow(/checker failed/);
  });
});
