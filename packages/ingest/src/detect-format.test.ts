import { describe, expect, it } from 'vitest';
import { detectFormat } from './detect-format.js';

describe('detectFormat', () => {
  it.each([
    ['story.txt', '# Looks like Markdown', 'text'],
    ['story.md', 'Plain words', 'markdown'],
    ['story.MARKDOWN', 'Plain words', 'markdown'],
    ['feed.xml', 'anything', 'feed'],
    ['world.rss', 'anything', 'feed'],
    ['news.atom', 'anything', 'feed'],
    ['https://x.example/feed.rss?page=2', 'anything', 'feed'],
  ] as const)('goes by the extension: %s', (name, text, format) => {
    expect(detectFormat(name, text)).toBe(format);
  });

  it.each([
    ['<?xml version="1.0"?><rss/>', 'feed'],
    ['\uFEFF  <rss version="2.0">', 'feed'],
    ['<feed xmlns="http://www.w3.org/2005/Atom">', 'feed'],
    ['---\ntitle: x\n---\n', 'markdown'],
    ['---\r\ntitle: x\r\n---\r\n', 'markdown'],
    ['Intro line\n\n## A part\n', 'markdown'],
    ['# Title\n', 'markdown'],
    ['Despite “frustration”, Rubio…\n\n4 Min Read', 'text'],
    ['#hashtag is not a heading', 'text'],
    ['<feeding time at the zoo>', 'text'],
  ] as const)('goes by the content without a known extension: %j', (text, format) => {
    expect(detectFormat('input', text)).toBe(format);
  });
});
