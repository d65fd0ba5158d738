import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type NewsroomApiUnderTest, runBuiltSite, startBuiltSite, startNewsroomApi } from './site';

// What an operator sees of the built site (server.mjs): a wrong setting stops it with one line
// that names it, and a stop (SIGTERM, as from a deploy) answers the readers it is serving first.

async function listening(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

const stackTrace = /\n\s+at .+:\d+:\d+/;

describe('a wrong setting', () => {
  it.each([
    [{ WEB_PORT: 'abc' }, ['WEB_PORT']],
    [{ API_TIMEOUT_MS: '5' }, ['API_TIMEOUT_MS']],
    [{ API_URL: 'ftp://api.example' }, ['API_URL']],
    [{ SITE_URL: 'news.example' }, ['SITE_URL']],
    [{ WEB_PAGE_CACHE_MB: '-1' }, ['WEB_PAGE_CACHE_MB']],
    [{ OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4318' }, ['OTEL_EXPORTER_OTLP_ENDPOINT']],
    [{ WEB_PORT: 'abc', API_TIMEOUT_MS: '5' }, ['WEB_PORT', 'API_TIMEOUT_MS']],
  ])('%o stops the site with one line naming it, and no stack trace', async (env, named) => {
    const site = runBuiltSite(env);
    expect(await site.exited).not.toBe(0);
    const lines = site.output().trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^Invalid configuration: /);
    for (const name of named) expect(lines[0]).toContain(`${name}: `);
    expect(site.output()).not.toMatch(stackTrace);
  });

  it('a port another process holds stops it the same way', async () => {
    const holder = createServer();
    const port = await listening(holder);
    try {
      const site = runBuiltSite({ WEB_PORT: String(port), API_URL: 'http://127.0.0.1:9' });
      expect(await site.exited).toBe(1);
      expect(site.output().trimEnd()).toBe(`Site cannot listen on 127.0.0.1:${port}: EADDRINUSE`);
    } finally {
      await new Promise((resolve) => holder.close(resolve));
    }
  });
});

describe('a stop while a reader waits', () => {
  let newsroom: NewsroomApiUnderTest;
  beforeAll(async () => {
    newsroom = await startNewsroomApi({ stories: 5 });
  });
  afterAll(() => newsroom?.close());

  /**
   * A way to the API that holds every call of the pages (not the event stream) while `held`,
   * so a page can be caught half-rendered.
   */
  async function gateToApi() {
    let release: () => void = () => {};
    let released: Promise<void> = Promise.resolve();
    let arrived: () => void = () => {};
    const held = new Promise<void>((resolve) => {
      arrived = resolve;
    });
    const target = new URL(newsroom.apiUrl);
    const gate = createServer(async (req, res) => {
      if (!req.url?.startsWith('/events')) {
        arrived();
        await released;
      }
      const onward = request(
        { host: target.hostname, port: target.port, path: req.url, method: req.method, headers: req.headers },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      req.pipe(onward);
    });
    const port = await listening(gate);
    return {
      url: `http://127.0.0.1:${port}`,
      hold() {
        released = new Promise((resolve) => {
          release = resolve;
        });
      },
      /** Resolves once a page's call has reached the gate and waits there. */
      held,
      release: () => release(),
      close: () => {
        gate.closeAllConnections();
        return new Promise((resolve) => gate.close(resolve));
      },
    };
  }

  it('answers the page in flight, then exits 0', async () => {
    const gate = await gateToApi();
    const site = await startBuiltSite({ API_URL: gate.url });
    try {
      gate.hold();
      const page = fetch(`${site.url}/`).then(async (res) => ({
        status: res.status,
        html: await res.text(),
      }));
      await gate.held;
      site.child.kill('SIGTERM');
      await new Promise<void>((resolve) => {
        const said = () => {
          if (!site.output().includes('Site stopping (SIGTERM)')) return;
          site.child.stdout?.off('data', said);
          resolve();
        };
        site.child.stdout?.on('data', said);
        said();
      });
      // Stopping: new readers are turned away while the one in flight still waits.
      await expect(fetch(`${site.url}/`)).rejects.toThrow();
      gate.release();
      const answered = await page;
      expect(answered.status).toBe(200);
      expect(answered.html).toContain('</html>');
      expect(await site.exited).toBe(0);
    } finally {
      await site.stop();
      await gate.close();
    }
  });
});
