import { type IncomingMessage, type OutgoingHttpHeaders, ServerResponse } from 'node:http';

export interface CapturedPage {
  status: number;
  headers: OutgoingHttpHeaders;
  body: Buffer;
}

/**
 * A response that is kept instead of sent: Astro renders into it as into any Node response
 * (writeHead, write, end), and `page` resolves with what it wrote. The page cache then sends
 * those bytes to as many readers as ask, compressed.
 */
export class CapturedResponse extends ServerResponse {
  readonly page: Promise<CapturedPage>;

  constructor(req: IncomingMessage) {
    super(req);
    const chunks: Buffer[] = [];
    let headers: OutgoingHttpHeaders = {};
    let resolve!: (page: CapturedPage) => void;
    this.page = new Promise((done) => {
      resolve = done;
    });

    const chunk = (data: unknown, encoding?: unknown) => {
      if (typeof data === 'string') chunks.push(Buffer.from(data, (encoding as BufferEncoding) ?? 'utf8'));
      else if (data instanceof Uint8Array)
        chunks.push(Buffer.from(data.buffer, data.byteOffset, data.byteLength));
    };
    const callbackOf = (args: unknown[]) =>
      args.find((arg) => typeof arg === 'function') as (() => void) | undefined;

    const writeHead = (status: number, ...rest: unknown[]) => {
      this.statusCode = status;
      const given = rest.find((arg) => typeof arg === 'object' && arg !== null);
      if (Array.isArray(given)) {
        for (let i = 0; i + 1 < given.length; i += 2) headers[String(given[i]).toLowerCase()] = given[i + 1];
      } else if (given) {
        for (const [name, value] of Object.entries(given)) headers[name.toLowerCase()] = value;
      }
      return this;
    };

    const write = (data: unknown, ...rest: unknown[]) => {
      chunk(data, typeof rest[0] === 'string' ? rest[0] : undefined);
      callbackOf(rest)?.();
      return true;
    };

    const end = (...args: unknown[]) => {
      if (args[0] !== undefined && typeof args[0] !== 'function') {
        chunk(args[0], typeof args[1] === 'string' ? args[1] : undefined);
      }
      headers = { ...this.getHeaders(), ...headers };
      resolve({ status: this.statusCode, headers, body: Buffer.concat(chunks) });
      callbackOf(args)?.();
      // Astro releases what it holds for the request on these.
      this.emit('finish');
      this.emit('close');
      return this;
    };
    // Own properties shadow ServerResponse's methods, whose overloads a subclass cannot restate.
    Object.assign(this, { writeHead, write, end });
  }
}
