import { describe, expect, it } from 'vitest';
import { isPublicAddress, PrivateAddressError, publicFetch } from './public-fetch.js';

describe('isPublicAddress', () => {
  it('refuses loopback, private, link-local and reserved addresses, in IPv4 and IPv6', () => {
    for (const address of [
      '127.0.0.1',
      '127.255.0.9',
      '10.1.2.3',
      '172.16.0.1',
      '172.31.255.255',
      '192.168.1.20',
      '169.254.169.254',
      '100.64.0.1',
      '0.0.0.0',
      '224.0.0.1',
      '255.255.255.255',
      '::1',
      '::',
      'fd00::1',
      'fe80::1',
      '::ffff:127.0.0.1',
      '::ffff:10.0.0.1',
      'not an address',
    ]) {
      expect(isPublicAddress(address), address).toBe(false);
    }
  });

  it('takes public ones', () => {
    for (const address of ['93.184.215.14', '172.32.0.1', '8.8.8.8', '2606:4700::1111', '::ffff:8.8.8.8']) {
      expect(isPublicAddress(address), address).toBe(true);
    }
  });
});

describe('publicFetch', () => {
  const refusedCause = async (url: string) => {
    const error = await publicFetch()(url).then(
      () => null,
      (caught: unknown) => caught as { cause?: unknown },
    );
    return error?.cause;
  };

  it('refuses an address written as an IP, however it is spelt, before connecting', async () => {
    for (const url of [
      'http://127.0.0.1:9/',
      'http://[::1]:9/',
      'http://0x7f000001:9/',
      'http://2130706433:9/',
      'http://10.0.0.1/',
    ]) {
      expect(await refusedCause(url), url).toBeInstanceOf(PrivateAddressError);
    }
  });

  it('refuses a name that resolves to a loopback address', async () => {
    const cause = await refusedCause('http://localhost/');
    expect(cause).toBeInstanceOf(PrivateAddressError);
    expect((cause as Error).message).toMatch(
      /^localhost is at (127\.0\.0\.1|::1), a private or loopback address/,
    );
  });
});
