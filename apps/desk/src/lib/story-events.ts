/**
 * The stories' Server-Sent Events out of the API's stream: article events (of the one article
 * `articleId` names, or of any) pass through as they came (id, type, data); the rest is left
 * out. Messages are read whole: the API ends each with a blank line.
 */
export function storyEventsOf(articleId: string | null): TransformStream<string, string> {
  let buffered = '';
  return new TransformStream({
    transform(chunk, out) {
      buffered += chunk;
      for (let end = buffered.indexOf('\n\n'); end >= 0; end = buffered.indexOf('\n\n')) {
        const message = buffered.slice(0, end);
        buffered = buffered.slice(end + 2);
        // The reconnection delay (the API's first message, which also makes the answer start at
        // once) and the comment lines that keep idle proxies from closing the connection pass too.
        const passes =
          message.startsWith('retry:') || message.startsWith(':') || isAboutStory(message, articleId);
        if (passes) out.enqueue(`${message}\n\n`);
      }
    },
  });
}

function isAboutStory(message: string, articleId: string | null): boolean {
  const data = /^data: (.*)$/m.exec(message)?.[1];
  if (!data || !/^event: article\./m.test(message)) return false;
  try {
    const id = (JSON.parse(data) as { article?: { id?: unknown } }).article?.id;
    return articleId === null ? typeof id === 'string' : id === articleId;
  } catch {
    return false;
  }
}
