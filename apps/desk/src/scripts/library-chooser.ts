import type { LibraryPicture } from '../lib/library-picture';
import { uploadFiles } from './library-upload';

/** What a page gives its pictures dialogs to upload with: its CSRF token and the newsroom's limit. */
export interface LibraryAccess {
  csrf: string;
  maxBytes: number;
}

let choosers = 0;

/**
 * The library inside a picture dialog: the newest pictures, or those matching words, as radio
 * buttons with their thumbnails, and a file field that uploads a new one (with its progress)
 * and chooses it. `onChoose` gets the picture chosen either way.
 */
export function libraryChooser(
  access: LibraryAccess,
  onChoose: (picture: LibraryPicture) => void,
): HTMLElement {
  choosers += 1;
  const id = `library-${choosers}`;
  const box = document.createElement('fieldset');
  box.className = 'library-choices';
  const legend = document.createElement('legend');
  legend.textContent = 'From the library';
  const searchLabel = document.createElement('label');
  searchLabel.htmlFor = `${id}-q`;
  searchLabel.textContent = 'Find pictures';
  const search = document.createElement('input');
  search.id = searchLabel.htmlFor;
  search.type = 'search';
  search.autocomplete = 'off';
  search.maxLength = 200;
  const status = document.createElement('p');
  status.setAttribute('role', 'status');
  const results = document.createElement('div');
  results.className = 'library-results';

  const uploadLabel = document.createElement('label');
  uploadLabel.htmlFor = `${id}-file`;
  uploadLabel.textContent = 'Or upload a new picture';
  const file = document.createElement('input');
  file.id = uploadLabel.htmlFor;
  file.type = 'file';
  file.accept = 'image/jpeg,image/png,image/webp,image/avif,image/gif';
  const uploads = document.createElement('ul');
  uploads.className = 'uploads';
  uploads.setAttribute('aria-label', 'Uploads');
  box.append(legend, searchLabel, search, status, results, uploadLabel, file, uploads);

  const show = (items: LibraryPicture[]) => {
    results.replaceChildren();
    for (const picture of items) {
      const label = document.createElement('label');
      label.className = 'check';
      const radio = document.createElement('input');
      radio.type = 'radio';
      radio.name = `${id}-choice`;
      radio.value = picture.hash;
      radio.addEventListener('change', () => onChoose(picture));
      const thumbnail = document.createElement('img');
      thumbnail.src = picture.thumbnail;
      thumbnail.width = 64;
      thumbnail.height = 64;
      thumbnail.alt = '';
      label.append(radio, thumbnail, document.createTextNode(picture.caption || picture.alt || 'No caption'));
      results.append(label);
    }
  };
  const find = async (q: string) => {
    const answer = (await fetch(`/library/find?q=${encodeURIComponent(q)}`)
      .then((r) => r.json())
      .catch(() => null)) as { items?: LibraryPicture[] } | null;
    const items = answer?.items ?? [];
    status.textContent = !answer
      ? 'The library cannot be reached right now.'
      : items.length === 0
        ? q
          ? 'No picture has those words.'
          : 'The library has no pictures yet.'
        : q
          ? `${items.length} found.`
          : `The ${items.length} newest.`;
    show(items);
  };
  let timer: ReturnType<typeof setTimeout> | null = null;
  search.addEventListener('input', () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void find(search.value.trim()), 250);
  });
  file.addEventListener('change', () => {
    const chosen = [...(file.files ?? [])];
    file.value = '';
    void uploadFiles(chosen, uploads, { ...access, onUploaded: onChoose });
  });
  void find('');
  return box;
}
