import { describe, expect, it } from 'vitest';
import { absoluteUrl, serializeJsonLd } from './meta';
import { articlePath, withQuery } from './paths';

describe('serializeJsonLd', () => {
  it('escapes what could end a script element, and parses back to the same value', () => {
    const value = { headline: 'A </script><script>alert(1)</script> & <!-- more', line: 'a\u2028b' };
    const json = serializeJsonLd(value);
    expect(json).not.toMatch(/[<>&\u2028]/);
    expect(json).toContain('\\u003c/script\\u003e');
    expect(JSON.parse(json)).toEqual(value);
  });
});

describe('addresses', () => {
  it('makes paths absolute with the site address and leaves full URLs alone', () => {
    expect(absoluteUrl('/media/a.jpg', 'https://news.example')).toBe('https://news.example/media/a.jpg');
    expect(absoluteUrl('https://cdn.example/a.jpg', 'https://news.example')).toBe(
      'https://cdn.example/a.jpg',
    );
  });

  it('encodes slugs in any script and builds queries without empty values', () => {
    expect(articlePath('são-paulo')).toBe('/articles/s%C3%A3o-paulo');
    expect(withQuery('/search', { q: 'a&b c', cursor: null })).toBe('/search?q=a%26b+c');
    expect(withQuery('/', { cursor: undefined })).toBe('/');
  });
});
