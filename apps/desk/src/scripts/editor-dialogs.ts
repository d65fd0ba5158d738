import type { LibraryPicture } from '../lib/library-picture';
import { type LibraryAccess, libraryChooser } from './library-chooser';

export interface DialogField {
  name: string;
  label: string;
  type?: 'text' | 'url' | 'story' | 'library';
  value?: string;
  hint?: string;
  required?: boolean;
  /** For a "library" field: how to upload. */
  library?: LibraryAccess;
}

let dialogs = 0;

/**
 * A modal form for the editor's toolbar (link address, picture, see-also), built on <dialog>
 * so focus stays inside and Escape cancels. Resolves with the values, or null when cancelled.
 * A "story" field searches published stories and yields the chosen slug (and its headline).
 * A "library" field chooses or uploads a library picture: it fills the fields named src, alt,
 * caption and credit, and yields the picture's width and height (and the src they are of).
 */
export function openDialog(
  title: string,
  fields: DialogField[],
  options: { remove?: string | undefined; ok?: string } = {},
): Promise<Record<string, string> | null> {
  dialogs += 1;
  const prefix = `dialog-${dialogs}`;
  const dialog = document.createElement('dialog');
  dialog.setAttribute('aria-labelledby', `${prefix}-title`);
  const form = document.createElement('form');
  form.method = 'dialog';
  const heading = document.createElement('h2');
  heading.id = `${prefix}-title`;
  heading.textContent = title;
  form.append(heading);

  const chosen: Record<string, string> = {};
  for (const field of fields) {
    if (field.type === 'library' && field.library) {
      form.append(libraryChooser(field.library, (picture) => fillFromLibrary(form, chosen, picture)));
      continue;
    }
    const wrap = document.createElement('div');
    wrap.className = 'field';
    const label = document.createElement('label');
    label.htmlFor = `${prefix}-${field.name}`;
    label.textContent = field.label;
    const input = document.createElement('input');
    input.id = label.htmlFor;
    input.name = field.name;
    input.type = field.type === 'url' ? 'url' : field.type === 'story' ? 'search' : 'text';
    input.value = field.value ?? '';
    input.required = field.required ?? false;
    input.autocomplete = 'off';
    input.maxLength = 2_000;
    wrap.append(label);
    if (field.hint) {
      const hint = document.createElement('p');
      hint.className = 'hint';
      hint.id = `${input.id}-hint`;
      hint.textContent = field.hint;
      input.setAttribute('aria-describedby', hint.id);
      wrap.append(hint);
    }
    wrap.append(input);
    if (field.type === 'story') wrap.append(storyResults(input, field.name, chosen));
    form.append(wrap);
  }

  const actions = document.createElement('p');
  actions.className = 'actions';
  const ok = document.createElement('button');
  ok.value = 'ok';
  ok.textContent = options.ok ?? 'Insert';
  const cancel = document.createElement('button');
  cancel.value = 'cancel';
  cancel.className = 'secondary';
  cancel.textContent = 'Cancel';
  cancel.formNoValidate = true;
  actions.append(ok, cancel);
  if (options.remove) {
    const remove = document.createElement('button');
    remove.value = 'remove';
    remove.className = 'secondary';
    remove.textContent = options.remove;
    remove.formNoValidate = true;
    actions.append(remove);
  }
  form.append(actions);
  dialog.append(form);
  document.body.append(dialog);

  return new Promise((resolve) => {
    dialog.addEventListener('close', () => {
      const action = dialog.returnValue;
      const values: Record<string, string> = { ...chosen };
      for (const field of fields) {
        if (field.type !== 'story' && field.type !== 'library')
          values[field.name] = (form.elements.namedItem(field.name) as HTMLInputElement).value.trim();
      }
      dialog.remove();
      if (action === 'remove') resolve({ remove: '1' });
      else resolve(action === 'ok' ? values : null);
    });
    dialog.showModal();
  });
}

/** A library picture's address and words into the dialog's fields; its size into `chosen`. */
function fillFromLibrary(
  form: HTMLFormElement,
  chosen: Record<string, string>,
  picture: LibraryPicture,
): void {
  const set = (name: string, value: string | null) => {
    const input = form.elements.namedItem(name);
    if (input instanceof HTMLInputElement && (value || name !== 'alt')) input.value = value ?? '';
  };
  set('src', picture.src);
  // A picture still without alt text keeps what the person typed; the library asks for it later.
  set('alt', picture.alt);
  set('caption', picture.caption);
  set('credit', picture.credit);
  Object.assign(chosen, {
    width: String(picture.width),
    height: String(picture.height),
    sizeOf: picture.src,
  });
}

/** Search results under a story field: radio buttons, so the keyboard chooses one. */
function storyResults(input: HTMLInputElement, name: string, chosen: Record<string, string>): HTMLElement {
  const results = document.createElement('fieldset');
  const legend = document.createElement('legend');
  legend.textContent = 'Stories found';
  const status = document.createElement('p');
  status.setAttribute('role', 'status');
  results.append(legend, status);
  let timer: ReturnType<typeof setTimeout> | null = null;
  input.addEventListener('input', () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(async () => {
      const q = input.value.trim();
      for (const old of results.querySelectorAll('label')) old.remove();
      if (!q) return;
      const answer = (await fetch(`/stories/find?q=${encodeURIComponent(q)}`)
        .then((r) => r.json())
        .catch(() => null)) as { items?: Array<{ slug: string; headline: string }> } | null;
      const items = answer?.items ?? [];
      status.textContent =
        items.length === 0 ? 'No published story has those words.' : `${items.length} found.`;
      for (const item of items) {
        const label = document.createElement('label');
        label.className = 'check';
        const radio = document.createElement('input');
        radio.type = 'radio';
        radio.name = `${name}-choice`;
        radio.value = item.slug;
        radio.addEventListener('change', () => {
          chosen[name] = item.slug;
          chosen.headline = item.headline;
        });
        label.append(radio, document.createTextNode(item.headline));
        results.append(label);
      }
    }, 250);
  });
  return results;
}
