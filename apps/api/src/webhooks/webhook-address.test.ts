import { describe, expect, it } from 'vitest';
import { refusedWebhookAddress } from './webhook-address.js';

describe('refusedWebhookAddress', () => {
  it('refuses loopback, private and link-local addresses and local names, however written', () => {
    for (const url of [
      'http://127.0.0.1:8080/hook',
      'http://0x7f000001/',
      'http://[::1]/',
      'https://10.0.0.7/',
      'http://169.254.169.254/latest/meta-data',
      'http://localhost:3000/',
      'http://printer.local/',
      'http://metadata.google.internal/',
    ]) {
      expect(refusedWebhookAddress(url, false), url).toMatch(/is a private or loopback address/);
    }
  });

  it('takes public addresses and names, and everything when WEBHOOK_ALLOW_PRIVATE=true', () => {
    expect(refusedWebhookAddress('https://hooks.slack.example/services/T0', false)).toBeNull();
    expect(refusedWebhookAddress('https://93.184.215.14/', false)).toBeNull();
    expect(refusedWebhookAddress('http://127.0.0.1:8080/hook', true)).toBeNull();
  });
});
