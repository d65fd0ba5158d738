/**
 * The article events' types (the domain's articleEventTypes), written out: importing the domain
 * here would bring its schemas, and zod with them, into the story list's small script.
 */
export const articleEventTypes = [
  'article.created',
  'article.updated',
  'article.submitted',
  'article.published',
  'article.scheduled',
  'article.unpublished',
  'article.archived',
  'article.deleted',
  'article.corrected',
];

/** Changes that come together (an import, a busy minute) bring one refresh. */
const settleMs = 1_000;

/**
 * Keeps the story list up to date while it is open: when a story changes (the desk's `/events`,
 * from the API's), the same list is asked for again and its results replace the ones shown,
 * with the time in `status`. The filters and the page stay as the person set them.
 */
export function keepStoryListLive(results: HTMLElement, status: HTMLElement): void {
  if (typeof EventSource === 'undefined') return;
  const source = new EventSource('/events');
  let waiting = false;
  const refresh = async () => {
    waiting = false;
    const answer = await fetch(window.location.href, { headers: { accept: 'text/html' } }).catch(() => null);
    if (!answer?.ok) return;
    const fresh = new DOMParser()
      .parseFromString(await answer.text(), 'text/html')
      .getElementById(results.id);
    if (!fresh) return;
    results.replaceChildren(...fresh.childNodes);
    status.textContent = `Brought up to date at ${new Date().toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })}.`;
  };
  const changed = () => {
    if (waiting) return;
    waiting = true;
    setTimeout(() => void refresh(), settleMs);
  };
  for (const type of articleEventTypes) source.addEventListener(type, changed);
  source.addEventListener('open', () => {
    status.textContent = 'This list updates as stories change.';
  });
  window.addEventListener('pagehide', () => source.close());
}
