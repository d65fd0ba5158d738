/**
 * The Server-Sent Events of one story, out of the API's stream of every event: messages whose
 * event names the article pass through as they came (id, type, data); comments on it and the
 * rest are left out. Messages are read whole: the API ends each with a blank line.
 */
export function storyEventsOf(articleId: string): TransformStream<string, string> {
  let buffered = '';
  return new TransformStream({
    transform(chunk, out) {
      buffered += chunk;
      for (let end = buffered.indexOf('\n\n'); end >= 0; end = buffered.indexOf('\n\n')) {
        const message = buffered.slice(0, end);
        buffered = buffered.slice(end + 2);
        // Comment lines keep idle proxies from closing the connection: they pass too.
        if (message.startsWith(':') || isAboutStory(message, articleId)) out.enqueue(`${message}\n\n`);
      }
    },
  });
}

function isAboutStory(message: string, articleId: string): boolean {
  const data = /^data: (.*)$/m.exec(message)?.[1];
  if (!data || !/^event: article\./m.test(message)) return false;
  try {
    return (JSON.parse(data) as { article?: { id?: unknown } }).article?.id === articleId;
  } catch {
    return false;
  }
}
