// First: it must run before any schema of the domain is made.
import './no-eval-probe';
import { readingTimeMinutes, wordCountOf } from '@newsroom/domain';
import { type StoryFieldName, type StoryFields, sameValue, storyFieldWords } from '../lib/story-fields';
import { Autosaver, type SaverState, type SendResult } from './autosave';
import { createBodyEditor } from './body-editor';
import { hideConflict, showConflict } from './conflict-view';
import { startHeroPicture } from './hero-picture';
import { localCopyOf } from './local-copy';
import { watchOthersSaving } from './others-saving';
import { nameBookOfPage, readStoryForm, writeStoryForm } from './story-form';
import { startStoryLists } from './story-lists';

interface PageState {
  id: string;
  version: number;
  fields: StoryFields;
}

/** The story page: the body editor, autosave, recovery after a crash, and conflicts. */
export function startStoryEditor(): void {
  const form = document.getElementById('story');
  const mount = document.getElementById('body-editor');
  if (!(form instanceof HTMLFormElement) || !mount) return;
  const page = JSON.parse(form.dataset.story ?? '{}') as PageState;
  const csrf = form.dataset.csrf ?? '';
  const library = { csrf, maxBytes: Number(form.dataset.mediaMaxBytes) };
  const names = nameBookOfPage();
  const local = localCopyOf(page.id);
  // Read before anything on this page writes its own copy.
  const kept = local.read();

  let saver: Autosaver | null = null;
  const body = createBodyEditor(
    mount,
    page.fields.body,
    () => {
      saver?.changed();
      countWords();
    },
    library,
  );
  const read = () => readStoryForm(body);

  saver = new Autosaver({
    version: page.version,
    initial: readStoryForm(body, 'as-served'),
    read,
    local,
    send: async (version, changes) => {
      const problems = body.problems();
      if (problems.length > 0) return { kind: 'refused', status: 400, message: problems.join(' ') };
      return send(page.id, csrf, version, changes);
    },
    onState: (state) => showState(state),
    onSaved: (state) => {
      for (const input of document.querySelectorAll<HTMLInputElement>(
        '.workflow-form input[name="version"]',
      )) {
        input.value = String(state.version);
      }
    },
  });
  const autosaver = saver;

  // Typed before this script ran: saved like any other change.
  if (autosaver.dirty) autosaver.changed();
  form.addEventListener('input', () => autosaver.changed());
  form.addEventListener('change', () => autosaver.changed());
  // Fields outside the form element (the details beside the text) belong to it through form="story".
  document.querySelector('.story-side')?.addEventListener('input', () => autosaver.changed());
  startStoryLists(() => autosaver.changed(), csrf);
  startHeroPicture(library, () => autosaver.changed());
  const othersNotice = document.getElementById('others-notice');
  if (othersNotice) watchOthersSaving(page.id, form.dataset.personId ?? '', othersNotice);

  document.addEventListener('keydown', (event) => {
    if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 's') {
      event.preventDefault();
      void autosaver.saveNow();
    }
  });
  document.getElementById('save-button')?.addEventListener('click', () => void autosaver.saveNow());
  window.addEventListener('online', () => autosaver.online());
  window.addEventListener('beforeunload', (event) => {
    autosaver.flush();
    if (autosaver.dirty) event.preventDefault();
  });
  window.addEventListener('pagehide', () => autosaver.flush());
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState !== 'hidden') return;
    autosaver.flush();
    if (autosaver.dirty) void autosaver.saveNow();
  });

  // A workflow button first saves what is on the page, then acts on the version that made.
  for (const workflow of document.querySelectorAll<HTMLFormElement>('form.workflow-form')) {
    workflow.addEventListener('submit', async (event) => {
      if (!autosaver.dirty) return;
      event.preventDefault();
      const state = await autosaver.saveNow();
      if (state.kind === 'saved') workflow.submit();
    });
  }

  document.getElementById('conflict-keep')?.addEventListener('click', async () => {
    hideConflict();
    await autosaver.keepMine();
  });
  document.getElementById('conflict-take')?.addEventListener('click', () => {
    const theirs = autosaver.takeTheirs();
    if (theirs) writeStoryForm(theirs, body, names);
    hideConflict();
    countWords();
  });

  offerKeptCopy();

  function offerKeptCopy() {
    if (!kept) return;
    if (sameValue(kept.fields, read())) {
      local.clear();
      return;
    }
    const banner = document.getElementById('recovery');
    const text = document.getElementById('recovery-text');
    if (!banner || !text) return;
    text.textContent = `This browser kept changes to this story from ${new Date(kept.at).toLocaleString()} that the desk had not saved.`;
    banner.hidden = false;
    document.getElementById('recovery-restore')?.addEventListener('click', () => {
      if (!kept) return;
      writeStoryForm(kept.fields, body, names);
      banner.hidden = true;
      autosaver.restored(kept.version);
      countWords();
    });
    document.getElementById('recovery-discard')?.addEventListener('click', () => {
      local.clear();
      banner.hidden = true;
    });
  }

  function showState(state: SaverState) {
    const status = document.getElementById('save-status');
    const error = document.getElementById('save-error');
    if (!status || !error) return;
    error.hidden = true;
    switch (state.kind) {
      case 'saved':
        status.textContent = state.at ? `Saved at ${new Date(state.at).toLocaleTimeString()}` : 'Saved';
        return;
      case 'unsaved':
        status.textContent = 'Unsaved changes';
        return;
      case 'saving':
        status.textContent = 'Saving…';
        return;
      case 'offline':
        status.textContent =
          'Not connected: your changes are kept in this browser and saved when the connection returns.';
        return;
      case 'conflict':
        status.textContent = 'Not saved: someone else saved this story meanwhile.';
        showConflict(state.theirs, state.mine, names, (name, value) => {
          const mine = { ...read(), [name]: value };
          writeStoryForm(mine, body, names);
          autosaver.changed();
        });
        return;
      case 'refused':
        status.textContent = 'Not saved: your changes are kept in this browser.';
        error.textContent = state.message;
        error.hidden = false;
    }
  }

  let counting: ReturnType<typeof setTimeout> | null = null;
  function countWords() {
    if (counting) clearTimeout(counting);
    counting = setTimeout(() => {
      const fields = read();
      const words = wordCountOf(fields.body);
      const minutes = readingTimeMinutes(fields.body, fields.heroImage ? 1 : 0);
      const element = document.getElementById('word-count');
      if (element) element.textContent = `${words.toLocaleString('en-GB')} words · ${minutes} min read`;
    }, 400);
  }
}

/** One save over HTTP, its answer sorted into what the autosaver needs to know. */
async function send(
  id: string,
  csrf: string,
  version: number,
  changes: Partial<StoryFields>,
): Promise<SendResult> {
  let response: Response;
  try {
    response = await fetch(`/stories/${id}/save`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-csrf-token': csrf },
      body: JSON.stringify({ version, changes }),
      credentials: 'same-origin',
    });
  } catch {
    return { kind: 'unreachable' };
  }
  const answer = (await response.json().catch(() => null)) as Record<string, unknown> | null;
  if (response.ok && answer) return { kind: 'saved', state: answer as never };
  if (response.status === 409 && answer?.theirs) return { kind: 'conflict', theirs: answer.theirs as never };
  // The desk or the API is down or restarting: the same text will go through later.
  if (response.status === 502 || response.status === 503 || response.status === 504 || !answer) {
    return { kind: 'unreachable' };
  }
  const fields = Object.entries((answer.fields as Record<string, string> | undefined) ?? {});
  const detail = fields
    .map(([name, message]) => `${storyFieldWords[name as StoryFieldName] ?? name}: ${message}`)
    .join('; ');
  return {
    kind: 'refused',
    status: response.status,
    message: detail
      ? `${String(answer.message ?? '')} ${detail}`
      : String(answer.message ?? 'The desk refused the save.'),
  };
}
