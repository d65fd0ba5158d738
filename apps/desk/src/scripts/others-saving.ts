import type { NewsroomEvent } from '@newsroom/domain';

/** What each event says someone did to the story. */
const deeds: Record<string, string> = {
  'article.updated': 'saved',
  'article.published': 'published',
  'article.unpublished': 'unpublished',
  'article.archived': 'archived',
  'article.deleted': 'deleted',
  'article.corrected': 'added a correction to',
  'article.scheduled': 'scheduled',
  'article.submitted': 'sent for review',
};

/**
 * Tells the person, as it happens, when someone else saves or moves the story they have open
 * (the desk's `/events?story=<id>`, from the API's events): their own saves are not news. The
 * conflict screen still decides what happens to two versions; this says one is coming.
 */
export function watchOthersSaving(articleId: string, myPersonId: string, notice: HTMLElement): void {
  if (typeof EventSource === 'undefined') return;
  const source = new EventSource(`/events?story=${encodeURIComponent(articleId)}`);
  const tell = (message: MessageEvent<string>) => {
    const event = JSON.parse(message.data) as NewsroomEvent;
    if (event.actor.kind === 'person' && event.actor.id === myPersonId) return;
    const when = new Date(event.at).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
    notice.textContent = `${event.actor.name} ${deeds[event.type] ?? 'changed'} this story at ${when}.`;
    notice.hidden = false;
  };
  for (const type of Object.keys(deeds)) source.addEventListener(type, tell);
  window.addEventListener('pagehide', () => source.close());
}
