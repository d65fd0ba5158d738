import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/** Comment lines keep idle proxies from closing the connection. */
const keepAliveMs = 25_000;

/**
 * The open Server-Sent Events streams of one route (`GET /changes`, `GET /events`): each holds
 * a connection, so there is a limit, and a stopping API ends them all (an open stream would keep
 * a graceful close waiting for ever).
 */
export function eventStreams(app: FastifyInstance, max: number, what: string) {
  const open = new Set<() => void>();
  app.addHook('preClose', async () => {
    for (const end of [...open]) end();
  });
  return {
    /** The 503 for one stream too many, or null when there is room. */
    refusal(reply: FastifyReply): FastifyReply | null {
      if (open.size < max) return null;
      return reply
        .code(503)
        .header('retry-after', '30')
        .header('cache-control', 'no-store')
        .send({ status: 'unavailable', message: `Too many ${what} open; try again later` });
    },
    /**
     * Answers with a stream on the raw response, `first` written at once, then a keep-alive
     * comment every 25 s. `end` closes it once, as the client going away or the API stopping do;
     * `onEnd` runs then.
     */
    open(request: FastifyRequest, reply: FastifyReply, first: string, onEnd: () => void) {
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        // Proxies that buffer responses (nginx) would hold the events back.
        'x-accel-buffering': 'no',
      });
      res.write(first);
      const keepAlive = setInterval(() => res.write(': keep-alive\n\n'), keepAliveMs).unref();
      const end = () => {
        if (!open.delete(end)) return;
        clearInterval(keepAlive);
        onEnd();
        res.end();
      };
      open.add(end);
      request.raw.socket.on('close', end);
      return { write: (text: string) => res.write(text), end };
    },
  };
}
