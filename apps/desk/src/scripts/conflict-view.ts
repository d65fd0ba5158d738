import { blockText } from '../lib/block-text';
import {
  changedFieldNames,
  type StoryFieldName,
  type StoryFields,
  storyFieldWords,
} from '../lib/story-fields';
import type { ServerState } from './autosave';
import type { NameBook } from './story-form';

/** A field's value as words a person can compare: names for slugs, the body as its text. */
function shown(name: StoryFieldName, fields: StoryFields, names: NameBook): string {
  const value = fields[name];
  switch (name) {
    case 'tagSlugs':
      return fields.tagSlugs.map(names.tag).join(', ');
    case 'authorSlugs':
      return fields.authorSlugs.map(names.author).join(', ');
    case 'body':
      return fields.body.map(blockText).join('\n\n');
    case 'heroImage':
      return fields.heroImage ? `${fields.heroImage.src} (${fields.heroImage.alt})` : '';
    case 'sources':
      return fields.sources.map((s) => s.name).join(', ');
    default:
      return value === null ? '' : String(value);
  }
}

/**
 * The conflict screen: each field that differs, this page's value beside the other person's,
 * with a button that copies theirs into this page. Keep mine / Take theirs finish it.
 */
export function showConflict(
  theirs: ServerState & { by: string | null },
  mine: StoryFields,
  names: NameBook,
  copyTheirs: (name: StoryFieldName, value: unknown) => void,
): void {
  const section = document.getElementById('conflict');
  const text = document.getElementById('conflict-text');
  const list = document.getElementById('conflict-fields');
  if (!section || !text || !list) return;
  const who = theirs.by ?? 'Someone';
  text.textContent = `${who} saved version ${theirs.version} at ${new Date(theirs.updatedAt).toLocaleString()} while you were editing. Nothing is lost: choose what to keep. Your text stays in this browser until it is saved.`;
  const fields = changedFieldNames(mine, theirs.fields).map((name) => {
    const block = document.createElement('div');
    const heading = document.createElement('h3');
    heading.textContent = storyFieldWords[name];
    const pair = document.createElement('div');
    pair.className = 'conflict-pair';
    for (const [label, fields] of [
      ['Yours', mine],
      [`Theirs (${who})`, theirs.fields],
    ] as const) {
      const column = document.createElement('div');
      const caption = document.createElement('h4');
      caption.textContent = label;
      const pre = document.createElement('pre');
      pre.textContent = shown(name, fields, names);
      column.append(caption, pre);
      pair.append(column);
    }
    const copy = document.createElement('button');
    copy.type = 'button';
    copy.className = 'secondary';
    copy.textContent = `Copy their ${storyFieldWords[name].toLowerCase()} into yours`;
    copy.addEventListener('click', () => {
      copyTheirs(name, theirs.fields[name]);
      copy.disabled = true;
      copy.textContent = 'Copied into yours';
    });
    block.append(heading, pair, copy);
    return block;
  });
  list.replaceChildren(...fields);
  section.hidden = false;
  document.getElementById('conflict-heading')?.focus();
}

export function hideConflict(): void {
  const section = document.getElementById('conflict');
  if (section) section.hidden = true;
}
