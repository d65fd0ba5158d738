import { IncomingMessage } from 'node:http';
import { Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { CapturedResponse } from './captured-response.ts';

const request = () => new IncomingMessage(new Socket());

describe('a captured response', () => {
  it('keeps the status, the headers given to writeHead or setHeader, and every chunk', async () => {
    const res = new CapturedResponse(request());
    res.setHeader('X-Set-Early', 'yes');
    res.writeHead(404, { 'Content-Type': 'text/html', 'Cache-Control': 'public, s-maxage=60' });
    res.write(new TextEncoder().encode('<p>'));
    res.write('Not ');
    res.end('found</p>');
    const page = await res.page;
    expect(page.status).toBe(404);
    expect(page.headers).toMatchObject({
      'content-type': 'text/html',
      'cache-control': 'public, s-maxage=60',
      'x-set-early': 'yes',
    });
    expect(page.body.toString()).toBe('<p>Not found</p>');
  });

  it('takes headers as a flat list, and a status set without writeHead', async () => {
    const listed = new CapturedResponse(request());
    listed.writeHead(301, ['Location', '/new']);
    listed.end();
    expect(await listed.page).toMatchObject({ status: 301, headers: { location: '/new' } });

    const plain = new CapturedResponse(request());
    plain.statusCode = 500;
    plain.end('Internal Server Error');
    expect(await plain.page).toMatchObject({ status: 500 });
  });

  it('tells listeners it has finished, as a sent response would', async () => {
    const res = new CapturedResponse(request());
    const events: string[] = [];
    res.on('finish', () => events.push('finish'));
    res.on('close', () => events.push('close'));
    res.end();
    await res.page;
    expect(events).toEqual(['finish', 'close']);
  });
});
