import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { StoryFields } from '../lib/story-fields';
import { Autosaver, type SaverState, type SendResult, type ServerState } from './autosave';

const initial: StoryFields = {
  headline: 'Storm closes the coast road',
  standfirst: null,
  slug: 'storm-closes-the-coast-road',
  sectionSlug: null,
  tagSlugs: [],
  authorSlugs: ['ana-ruiz'],
  dateline: null,
  language: 'en',
  heroImage: null,
  sources: [],
  seoTitle: null,
  seoDescription: null,
  body: [{ type: 'paragraph', text: 'The road closed at dawn.' }],
};

function server(version: number, fields: StoryFields): ServerState {
  return { version, updatedAt: `2026-12-05T10:00:0${version}Z`, wordCount: 5, readingTimeMinutes: 1, fields };
}

/** A page whose fields the test types into, and a server it scripts. */
function setUp(answers: Array<(version: number, changes: Partial<StoryFields>) => SendResult>) {
  let page = structuredClone(initial);
  const sent: Array<{ version: number; changes: Partial<StoryFields> }> = [];
  const states: SaverState[] = [];
  const local = {
    copy: null as unknown,
    write: vi.fn((c: unknown) => {
      local.copy = c;
    }),
    clear: vi.fn(() => {
      local.copy = null;
    }),
  };
  const saver = new Autosaver({
    version: 3,
    initial,
    read: () => structuredClone(page),
    local,
    onState: (s) => states.push(s),
    send: async (version, changes) => {
      sent.push({ version, changes });
      const answer = answers.shift();
      if (!answer) throw new Error('the test did not expect another save');
      return answer(version, changes);
    },
  });
  const type = (patch: Partial<StoryFields>) => {
    page = { ...page, ...patch };
    saver.changed();
  };
  return { saver, sent, states, local, type, page: () => page };
}

describe('autosave', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('saves the changed fields with their version once typing stops, then forgets the local copy', async () => {
    const t = setUp([(v, c) => ({ kind: 'saved', state: server(v + 1, { ...initial, ...c }) })]);
    t.type({ headline: 'Storm closes' });
    t.type({ headline: 'Storm closes the coast road again' });
    await vi.advanceTimersByTimeAsync(300);
    expect(t.local.copy).toMatchObject({
      version: 3,
      fields: { headline: 'Storm closes the coast road again' },
    });
    await vi.advanceTimersByTimeAsync(1_600);
    expect(t.sent).toEqual([]);
    await vi.advanceTimersByTimeAsync(200);
    expect(t.sent).toEqual([{ version: 3, changes: { headline: 'Storm closes the coast road again' } }]);
    expect(t.saver.currentVersion).toBe(4);
    expect(t.saver.currentState.kind).toBe('saved');
    expect(t.local.copy).toBeNull();
  });

  it('saves what was typed during a save next, on the version that save made', async () => {
    const t = setUp([
      (v, c) => ({ kind: 'saved', state: server(v + 1, { ...initial, ...c }) }),
      (v, c) => ({ kind: 'saved', state: server(v + 1, { ...initial, ...c }) }),
    ]);
    t.type({ headline: 'First' });
    // The save goes out at once; the typing lands while it waits for its answer.
    const first = t.saver.saveNow();
    t.type({ standfirst: 'Typed while saving' });
    await first;
    await vi.advanceTimersByTimeAsync(2_000);
    expect(t.sent).toEqual([
      { version: 3, changes: { headline: 'First' } },
      { version: 4, changes: { standfirst: 'Typed while saving' } },
    ]);
    expect(t.local.copy).toBeNull();
  });

  it('never overwrites another save: it stops, shows both, and saves over theirs only when told', async () => {
    const theirs = { ...server(4, { ...initial, headline: 'Their headline' }), by: 'Ben Editor' };
    const t = setUp([
      () => ({ kind: 'conflict', theirs }),
      (v, c) => ({ kind: 'saved', state: server(v + 1, { ...theirs.fields, ...c }) }),
    ]);
    t.type({ headline: 'My headline', standfirst: 'Mine too' });
    await t.saver.saveNow();
    expect(t.saver.currentState).toMatchObject({
      kind: 'conflict',
      theirs: { by: 'Ben Editor' },
      mine: { headline: 'My headline' },
    });
    t.type({ standfirst: 'Still mine' });
    await vi.advanceTimersByTimeAsync(10_000);
    // Kept in the browser while the person decides, but not sent.
    expect(t.sent).toHaveLength(1);
    expect(t.local.copy).toMatchObject({ fields: { standfirst: 'Still mine' } });
    await t.saver.keepMine();
    expect(t.sent[1]).toEqual({ version: 4, changes: { headline: 'My headline', standfirst: 'Still mine' } });
    expect(t.saver.currentState.kind).toBe('saved');
  });

  it('takes the other version when told, and forgets the local copy', async () => {
    const theirs = { ...server(4, { ...initial, headline: 'Their headline' }), by: 'Ben Editor' };
    const t = setUp([() => ({ kind: 'conflict', theirs })]);
    t.type({ headline: 'My headline' });
    await t.saver.saveNow();
    expect(t.saver.takeTheirs()).toEqual(theirs.fields);
    expect(t.saver.currentVersion).toBe(4);
    expect(t.local.copy).toBeNull();
  });

  it('keeps the text in the browser while the connection is down and saves it when it returns', async () => {
    const t = setUp([
      () => ({ kind: 'unreachable' }),
      () => ({ kind: 'unreachable' }),
      (v, c) => ({ kind: 'saved', state: server(v + 1, { ...initial, ...c }) }),
    ]);
    t.type({ headline: 'Written offline' });
    await t.saver.saveNow();
    expect(t.saver.currentState.kind).toBe('offline');
    t.type({ standfirst: 'Still offline' });
    t.saver.flush();
    expect(t.local.copy).toMatchObject({
      fields: { headline: 'Written offline', standfirst: 'Still offline' },
    });
    await vi.advanceTimersByTimeAsync(2_000);
    expect(t.sent).toHaveLength(2);
    t.saver.online();
    await vi.advanceTimersByTimeAsync(0);
    expect(t.sent[2]).toEqual({
      version: 3,
      changes: { headline: 'Written offline', standfirst: 'Still offline' },
    });
    expect(t.saver.currentState.kind).toBe('saved');
    expect(t.local.copy).toBeNull();
  });

  it('keeps the text and says why when the desk refuses it, and tries again only after an edit', async () => {
    const t = setUp([
      () => ({ kind: 'refused', status: 400, message: 'headline must be at most 200 characters' }),
      (v, c) => ({ kind: 'saved', state: server(v + 1, { ...initial, ...c }) }),
    ]);
    t.type({ headline: 'x'.repeat(201) });
    await t.saver.saveNow();
    expect(t.saver.currentState).toEqual({
      kind: 'refused',
      status: 400,
      message: 'headline must be at most 200 characters',
    });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(t.sent).toHaveLength(1);
    expect(t.local.copy).toMatchObject({ fields: { headline: 'x'.repeat(201) } });
    t.type({ headline: 'x'.repeat(200) });
    await vi.advanceTimersByTimeAsync(2_000);
    expect(t.sent).toHaveLength(2);
  });

  it('copies the text into the browser at once when the page is hidden, without waiting', async () => {
    const t = setUp([]);
    t.type({ headline: 'Typed just before the tab closed' });
    expect(t.local.copy).toBeNull();
    t.saver.flush();
    expect(t.local.copy).toMatchObject({ fields: { headline: 'Typed just before the tab closed' } });
  });

  it('keeps trying after the session ends, so signing in again in another tab saves the text', async () => {
    const t = setUp([
      () => ({ kind: 'refused', status: 401, message: 'Your session has ended.' }),
      (v, c) => ({ kind: 'saved', state: server(v + 1, { ...initial, ...c }) }),
    ]);
    t.type({ headline: 'Written as the session ended' });
    await t.saver.saveNow();
    expect(t.saver.currentState.kind).toBe('refused');
    await vi.advanceTimersByTimeAsync(2_000);
    expect(t.sent).toHaveLength(2);
    expect(t.saver.currentState.kind).toBe('saved');
  });
});
