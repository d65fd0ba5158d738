import { describe, expect, it } from 'vitest';
import { storyEventsOf } from './story-events';

const message = (id: string, type: string, articleId: string) =>
  `id: ${id}\nevent: ${type}\ndata: ${JSON.stringify({ id, type, article: { id: articleId } })}\n\n`;

/** What the filter lets through of `text`, fed to it in pieces of `size` characters. */
async function through(text: string, size: number): Promise<string> {
  const pieces: string[] = [];
  for (let at = 0; at < text.length; at += size) pieces.push(text.slice(at, at + size));
  const source = new ReadableStream<string>({
    start(controller) {
      for (const piece of pieces) controller.enqueue(piece);
      controller.close();
    },
  });
  let out = '';
  for await (const chunk of source.pipeThrough(storyEventsOf('a1'))) out += chunk;
  return out;
}

describe("one story's events out of the API's stream", () => {
  it('keeps the messages about the story, the reconnection delay and the keep-alive comments, however the stream is cut', async () => {
    const stream = [
      'retry: 1000\n\n',
      message('1', 'article.updated', 'a1'),
      message('2', 'article.updated', 'b2'),
      ': keep-alive\n\n',
      message('3', 'article.published', 'a1'),
      `id: 4\nevent: comment.created\ndata: ${JSON.stringify({ article: { id: 'a1' } })}\n\n`,
      'id: 5\nevent: article.updated\ndata: not json\n\n',
    ].join('');
    const expected = [
      'retry: 1000\n\n',
      message('1', 'article.updated', 'a1'),
      ': keep-alive\n\n',
      message('3', 'article.published', 'a1'),
    ].join('');
    for (const size of [1, 7, 64, stream.length]) expect(await through(stream, size)).toBe(expected);
  });
});
