import { type LookupAddress, lookup } from 'node:dns';
import { BlockList, isIP } from 'node:net';
import { Agent, fetch as undiciFetch } from 'undici';

/**
 * Addresses that are not on the public internet: loopback, private (RFC 1918, unique local),
 * link-local (cloud metadata services live there), carrier-grade NAT, "this network",
 * benchmarking, multicast and reserved. A fetch of an address a user gave never reaches them
 * unless the operator allows it, so an import cannot be turned into a probe of the newsroom's
 * own network.
 */
const notPublic = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 3],
] as const) {
  notPublic.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 127],
  ['64:ff9b::', 96],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const) {
  notPublic.addSubnet(network, prefix, 'ipv6');
}

/** Whether an IP address is on the public internet (an IPv4-mapped IPv6 address counts as its IPv4). */
export function isPublicAddress(address: string): boolean {
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address);
  if (mapped?.[1]) return isPublicAddress(mapped[1]);
  const family = isIP(address);
  if (family === 0) return false;
  return !notPublic.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

/** Names that never lead to the public internet. */
const localNames = /(^|\.)(localhost|local|internal|home\.arpa)$/;

/**
 * The host of `url` when it is plainly not public: an IP address off the public internet, or a
 * local name (localhost, *.local, *.internal). Other names are judged as each fetch connects.
 */
export function privateHostOf(url: string): string | null {
  const host = new URL(url).hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return (isIP(host) && !isPublicAddress(host)) || localNames.test(host) ? host : null;
}

/** A fetch refused because its address is not public: the message says so, and how to allow it. */
export class PrivateAddressError extends Error {
  override name = 'PrivateAddressError';
  constructor(
    readonly host: string,
    readonly address: string,
  ) {
    super(
      `${host} is ${host === address ? 'a' : `at ${address}, a`} private or loopback address; ` +
        'set NEWSROOM_FETCH_PRIVATE=allow to fetch from your own network',
    );
  }
}

type LookupCallback = (error: Error | null, address: string | LookupAddress[], family?: number) => void;

/**
 * Resolves a host name as the connection is made, and refuses it if any of its addresses is not
 * public. Checking at connection time, not before, means a name that answers with a public
 * address first and a private one next (DNS rebinding) is refused as well.
 */
function publicLookup(hostname: string, options: { all?: boolean }, callback: LookupCallback): void {
  lookup(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) return callback(error, []);
    const refused = addresses.find((entry) => !isPublicAddress(entry.address));
    if (refused) return callback(new PrivateAddressError(hostname, refused.address), []);
    const [first] = addresses;
    if (options.all || !first) return callback(null, addresses);
    callback(null, first.address, first.family);
  });
}

const redirects = new Set([301, 302, 303, 307, 308]);
/** One agent for every public fetch of the process, so its connections are reused, not piled up. */
let publicAgent: Agent | undefined;
const maxRedirects = 5;

/**
 * A fetch for addresses a user gave (URL imports, pictures of imported copy, webhooks) that reaches only
 * the public internet: every host it connects to, redirects included, is checked, and at most
 * five redirects are followed. With `allowPrivate` (NEWSROOM_FETCH_PRIVATE=allow, `--allow-private`,
 * and tests that serve on 127.0.0.1) private addresses are allowed; the redirect limit holds.
 */
export function publicFetch(options: { allowPrivate?: boolean } = {}): typeof fetch {
  const allowPrivate = options.allowPrivate ?? false;
  if (!allowPrivate) publicAgent ??= new Agent({ connect: { lookup: publicLookup } });
  const dispatcher = allowPrivate ? undefined : publicAgent;
  const guarded = async (input: string | URL | Request, init: RequestInit = {}): Promise<Response> => {
    let url = new URL(input instanceof Request ? input.url : input);
    for (let hop = 0; ; hop++) {
      // An address written as an IP is connected to without a lookup: checked here instead.
      const host = url.hostname.replace(/^\[|\]$/g, '');
      if (!allowPrivate && isIP(host) && !isPublicAddress(host))
        throw new TypeError('fetch failed', { cause: new PrivateAddressError(host, host) });
      const response = (await undiciFetch(url, {
        ...(init as Parameters<typeof undiciFetch>[1]),
        redirect: 'manual',
        ...(dispatcher ? { dispatcher } : {}),
      })) as unknown as Response;
      const location = response.headers.get('location');
      // `redirect: 'manual'` (webhook deliveries) gets the redirect itself, as fetch gives it.
      if (!redirects.has(response.status) || !location || init.redirect === 'manual') return response;
      await response.body?.cancel().catch(() => {});
      if (hop === maxRedirects)
        throw new TypeError('fetch failed', { cause: new Error(`more than ${maxRedirects} redirects`) });
      url = new URL(location, url);
    }
  };
  return guarded as typeof fetch;
}
