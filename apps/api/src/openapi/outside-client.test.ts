import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { openStore, type Store } from '@newsroom/db';
import { seedIfEmpty } from '@newsroom/sample';
import { createConfig, lintFromString } from '@redocly/openapi-core';
import openapiTS, { astToString } from 'openapi-typescript';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../testing/start-test-api.js';

// Someone outside TypeScript's reach of the router: they have only the API's address. They
// fetch its OpenAPI description, check it, generate types with an outside generator, write a
// client against those types, and use it.
let store: Store;
let api: TestApi;
let editorToken: string;
let workDir: string;
let description: string;

beforeAll(async () => {
  store = await openStore(':memory:');
  await seedIfEmpty(store, { count: 4, seed: 3 });
  editorToken = (await store.tokens.create({ name: 'Outside desk', role: 'editor' })).token;
  api = await startTestApi(store);
  workDir = await mkdtemp(join(tmpdir(), 'newsroom-openapi-'));
  const response = await fetch(`${api.url}/openapi.json`);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  description = await response.text();
});
afterAll(async () => {
  await api.close();
  await store.close();
  await rm(workDir, { recursive: true, force: true });
});

describe('the OpenAPI description, as an outsider finds it', () => {
  it('is OpenAPI 3.1 that passes Redocly’s recommended rules without an error', async () => {
    const document = JSON.parse(description);
    expect(document.openapi).toBe('3.1.0');
    const problems = await lintFromString({
      source: description,
      absoluteRef: `${api.url}/openapi.json`,
      config: await createConfig({ extends: ['recommended'] }),
    });
    const errors = problems.filter((problem) => problem.severity === 'error');
    expect(errors.map((problem) => `${problem.ruleId}: ${problem.message}`)).toEqual([]);
    // Nor any warning, but for the licence, which the project has not chosen yet.
    expect(problems.map((problem) => problem.ruleId)).toEqual(['info-license']);
  });

  it('describes the reading paths and the editorial ones, with their roles', () => {
    const { paths } = JSON.parse(description);
    expect(Object.keys(paths)).toEqual(
      expect.arrayContaining([
        '/v1/articles',
        '/v1/articles/{slug}',
        '/v1/search',
        '/v1/sections',
        '/v1/tags/{slug}',
        '/v1/authors',
        '/v1/articles/{articleId}/comments',
        '/v1/articles/{id}/publish',
      ]),
    );
    // Reading needs no token (one may be sent); writing does.
    expect(paths['/v1/articles'].get.security).toEqual([{}, { bearer: [] }]);
    expect(paths['/v1/articles'].post.security).toEqual([{ bearer: [] }]);
    expect(paths['/v1/articles/{id}/publish'].post.responses['403']).toBeDefined();
  });

  it('gives types from which a client compiles, and that client lists, reads, searches, creates and publishes', async () => {
    const generated = astToString(await openapiTS(JSON.parse(description)));
    await writeFile(join(workDir, 'newsroom-api.ts'), generated);
    await writeFile(join(workDir, 'tour.ts'), tourSource);

    const openapiFetchTypes = fileURLToPath(import.meta.resolve('openapi-fetch')).replace(/\.m?js$/, '.d.ts');
    const program = ts.createProgram([join(workDir, 'tour.ts')], {
      strict: true,
      noEmit: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      skipLibCheck: true,
      types: [],
      lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
      paths: { 'openapi-fetch': [openapiFetchTypes] },
    });
    const diagnostics = ts
      .getPreEmitDiagnostics(program)
      .map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    expect(diagnostics).toEqual([]);

    // The same file, run: its one import pointed at the installed openapi-fetch.
    const runnable = ts
      .transpileModule(tourSource, {
        compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
      })
      .outputText.replace("from 'openapi-fetch'", `from '${import.meta.resolve('openapi-fetch')}'`);
    await writeFile(join(workDir, 'tour.mjs'), runnable);
    const { tour } = (await import(pathToFileURL(join(workDir, 'tour.mjs')).href)) as {
      tour: (baseUrl: string, token: string) => Promise<TourResult>;
    };
    const result = await tour(api.url, editorToken);

    expect(result.listed.length).toBe(3);
    expect(result.readHeadline).toBe(result.listedHeadline);
    expect(result.searchFound).toContain(result.listedSlug);
    expect(result.draftStatus).toBe('draft');
    expect(result.publishedStatus).toBe('published');
    expect(result.publicAfterPublish).toBe(200);
    expect(result.badInput.status).toBe(400);
    expect(result.badInput.message).toMatch(/limit/);
    expect(result.anonymousCreate).toBe(401);
    expect(result.unknownPath.status).toBe(404);
    expect(result.unknownPath.code).toBe('NOT_FOUND');
  }, 30_000);
});

interface TourResult {
  listed: string[];
  listedSlug: string;
  listedHeadline: string;
  readHeadline: string;
  searchFound: string[];
  draftStatus: string;
  publishedStatus: string;
  publicAfterPublish: number;
  badInput: { status: number; message: string };
  anonymousCreate: number;
  unknownPath: { status: number; code: string };
}

/** The outsider's client, written against the generated types only. */
const tourSource = `
import createClient from 'openapi-fetch';
import type { paths } from './newsroom-api.js';

export async function tour(baseUrl: string, token: string) {
  const reader = createClient<paths>({ baseUrl });
  const editor = createClient<paths>({ baseUrl, headers: { Authorization: 'Bearer ' + token } });

  const list = await reader.GET('/v1/articles', { params: { query: { limit: 3 } } });
  const first = list.data?.items[0];
  if (!list.data || !first) throw new Error('nothing listed');

  const read = await reader.GET('/v1/articles/{slug}', { params: { path: { slug: first.slug } } });
  const word = first.headline.split(/\\W+/).find((w) => w.length > 3) ?? first.headline;
  const search = await reader.GET('/v1/search', { params: { query: { q: word, limit: 20 } } });

  const created = await editor.POST('/v1/articles', {
    body: {
      headline: 'Harbour reopens after the storm',
      body: [{ type: 'paragraph', text: 'Ferries sailed again on Tuesday.' }],
    },
  });
  if (!created.data) throw new Error('not created: ' + JSON.stringify(created.error));
  const published = await editor.POST('/v1/articles/{id}/publish', {
    params: { path: { id: created.data.id } },
    body: { version: created.data.version },
  });
  if (!published.data) throw new Error('not published: ' + JSON.stringify(published.error));
  const publicCopy = await reader.GET('/v1/articles/{slug}', { params: { path: { slug: published.data.slug } } });

  // @ts-expect-error limit is a number: the types say so before the API does.
  void reader.GET('/v1/articles', { params: { query: { limit: 'three' } } });
  const bad = await reader.GET('/v1/articles', { params: { query: { limit: 500 } } });
  const anonymous = await reader.POST('/v1/articles', {
    body: { headline: 'Not mine to write', body: [{ type: 'paragraph', text: 'No.' }] },
  });
  const unknown = await fetch(baseUrl + '/v1/no-such-thing');
  const unknownBody = (await unknown.json()) as { error: { data: { code: string } } };

  return {
    listed: list.data.items.map((item) => item.slug),
    listedSlug: first.slug,
    listedHeadline: first.headline,
    readHeadline: read.data?.headline ?? '',
    searchFound: (search.data?.items ?? []).map((hit) => hit.slug),
    draftStatus: created.data.status,
    publishedStatus: published.data.status,
    publicAfterPublish: publicCopy.response.status,
    badInput: { status: bad.response.status, message: bad.error?.error.message ?? '' },
    anonymousCreate: anonymous.response.status,
    unknownPath: { status: unknown.status, code: unknownBody.error.data.code },
  };
}
`;
