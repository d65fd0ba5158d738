import { shownAddress } from '../lib/picture-addresses';
import { pictureFields } from './editor-commands';
import { openDialog } from './editor-dialogs';
import type { LibraryAccess } from './library-chooser';

function field(id: string): HTMLInputElement {
  return document.getElementById(id) as HTMLInputElement;
}

/** The hero's preview beside its fields, made when the story had no hero to show. */
function heroPreview(): HTMLImageElement {
  const found = document.getElementById('hero-preview');
  if (found instanceof HTMLImageElement) return found;
  const made = Object.assign(document.createElement('img'), {
    id: 'hero-preview',
    className: 'hero-preview',
    alt: '',
  });
  document.querySelector('#hero legend')?.after(made);
  return made;
}

/** The picture as chosen, or nothing without one. */
function showHeroPreview(): void {
  const src = field('hero-src').value.trim();
  const preview = heroPreview();
  preview.hidden = !src;
  if (src) preview.src = shownAddress(src, Number(field('hero-width').value) || null);
}

/**
 * The hero picture's "Choose a picture" button: the library (or an upload) in a dialog, which
 * fills the hero's address, words and size. `onChange` tells autosave, since fields set by a
 * script send no input event.
 */
export function startHeroPicture(library: LibraryAccess, onChange: () => void): void {
  const button = document.getElementById('hero-choose');
  if (!(button instanceof HTMLButtonElement)) return;
  button.hidden = false;
  button.addEventListener('click', async () => {
    const values = await openDialog(
      'Hero picture',
      [
        { name: 'library', label: 'From the library', type: 'library', library },
        ...pictureFields({
          src: field('hero-src').value,
          alt: field('hero-alt').value,
          caption: field('hero-caption').value,
          credit: field('hero-credit').value,
        }),
      ],
      { ok: 'Use this picture' },
    );
    button.focus();
    if (!values?.src) return;
    field('hero-src').value = values.src;
    field('hero-alt').value = values.alt ?? '';
    field('hero-caption').value = values.caption ?? '';
    field('hero-credit').value = values.credit ?? '';
    if (values.sizeOf === values.src) {
      field('hero-width').value = values.width ?? '';
      field('hero-height').value = values.height ?? '';
    }
    showHeroPreview();
    onChange();
  });
  field('hero-src').addEventListener('change', showHeroPreview);
}
