#!/usr/bin/env node
// The import rules of .dependency-cruiser.cjs for what dependency-cruiser cannot read: the
// frontmatter and <script> tags of .astro files. The site's and the desk's components and pages
// may import the domain, the API's typed client and the app's own files, nothing else of Newsroom's.
// TypeScript's own pre-processor lists each file's imports, so no import form is missed.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const root = path.resolve(import.meta.dirname, '..');
const apps = ['apps/web', 'apps/desk'];
const allowedPackages = new Set(['@newsroom/domain', '@newsroom/api/client']);

function* astroFiles(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* astroFiles(full);
    else if (entry.name.endsWith('.astro')) yield full;
  }
}

/** The code of an .astro file: its frontmatter and the bodies of its <script> tags. */
function codeOf(source) {
  const frontmatter = /^---\r?\n([\s\S]*?)\r?\n---/.exec(source)?.[1] ?? '';
  const scripts = [...source.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)].map((match) => match[1]);
  return [frontmatter, ...scripts].join('\n');
}

const violations = [];
for (const app of apps) {
  const appDir = path.join(root, app);
  for (const file of astroFiles(path.join(appDir, 'src'))) {
    const { importedFiles } = ts.preProcessFile(codeOf(readFileSync(file, 'utf8')), true, true);
    for (const { fileName: specifier } of importedFiles) {
      const outside = specifier.startsWith('.')
        ? path.relative(appDir, path.resolve(path.dirname(file), specifier)).startsWith('..')
        : specifier.startsWith('@newsroom/') && !allowedPackages.has(specifier);
      if (outside)
        violations.push({ app: path.basename(app), text: `${path.relative(root, file)} → ${specifier}` });
    }
  }
}

for (const { app, text } of violations) {
  console.error(`  error ${app}-imports-only-api-client-and-domain: ${text}`);
}
if (violations.length > 0) {
  console.error(`\nx ${violations.length} import violations in .astro files.`);
  process.exit(1);
}
