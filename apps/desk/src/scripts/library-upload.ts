import type { LibraryPicture } from '../lib/library-picture';

export type UploadResult =
  | { ok: true; picture: LibraryPicture; created: boolean }
  | { ok: false; message: string };

/**
 * Sends one picture to the library (`/library/upload`, which streams it on to the API),
 * reporting the share sent so far: XMLHttpRequest, because fetch cannot tell upload progress.
 */
export function uploadPicture(
  file: File,
  csrf: string,
  onProgress: (fraction: number) => void,
): Promise<UploadResult> {
  return new Promise((resolve) => {
    const request = new XMLHttpRequest();
    request.open('POST', '/library/upload');
    request.setRequestHeader('accept', 'application/json');
    request.setRequestHeader('x-csrf-token', csrf);
    request.responseType = 'json';
    request.upload.addEventListener('progress', (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    });
    request.addEventListener('load', () => {
      const body = request.response as {
        picture?: LibraryPicture;
        created?: boolean;
        message?: string;
      } | null;
      if (request.status < 300 && body?.picture) {
        resolve({ ok: true, picture: body.picture, created: body.created === true });
      } else {
        resolve({ ok: false, message: body?.message ?? `The desk answered ${request.status}.` });
      }
    });
    request.addEventListener('error', () =>
      resolve({ ok: false, message: 'The upload was cut off: check the connection and try again.' }),
    );
    const form = new FormData();
    form.append('file', file);
    request.send(form);
  });
}

/** Uploads at once: two keep the line busy without making one large file wait behind many. */
const atOnce = 2;

/**
 * Uploads several files, at most two at a time, each with its own row in `list`: its name, a
 * progress bar, and then a link to describe it or the reason it was refused. Files over the
 * newsroom's limit are refused here, before a byte is sent.
 */
export async function uploadFiles(
  files: readonly File[],
  list: HTMLElement,
  options: { csrf: string; maxBytes: number; onUploaded?: (picture: LibraryPicture) => void },
): Promise<void> {
  const queue = files.map((file) => ({ file, row: uploadRow(file, list) }));
  const next = async (): Promise<void> => {
    const item = queue.shift();
    if (!item) return;
    const { file, row } = item;
    if (file.size > options.maxBytes) {
      row.refused(`Larger than the ${megabytes(options.maxBytes)} MB the newsroom takes.`);
    } else {
      const result = await uploadPicture(file, options.csrf, (fraction) => row.advance(fraction));
      if (result.ok) {
        row.done(result.picture, result.created);
        options.onUploaded?.(result.picture);
      } else row.refused(result.message);
    }
    return next();
  };
  await Promise.all(Array.from({ length: atOnce }, next));
}

function megabytes(bytes: number): string {
  return (bytes / 1_048_576).toLocaleString('en', { maximumFractionDigits: 1 });
}

/** A file's row in the upload list. */
function uploadRow(file: File, list: HTMLElement) {
  const row = document.createElement('li');
  const name = document.createElement('span');
  name.className = 'file-name';
  name.textContent = file.name;
  const progress = document.createElement('progress');
  progress.max = 1;
  progress.value = 0;
  progress.setAttribute('aria-label', `Uploading ${file.name}`);
  const status = document.createElement('span');
  status.className = 'upload-status';
  status.setAttribute('role', 'status');
  status.textContent = 'Waiting';
  row.append(name, progress, status);
  list.append(row);
  return {
    advance(fraction: number) {
      progress.value = fraction;
      status.textContent = fraction < 1 ? `${Math.round(fraction * 100)}%` : 'Cleaning the picture…';
    },
    done(picture: LibraryPicture, created: boolean) {
      progress.value = 1;
      row.dataset.hash = picture.hash;
      status.textContent = created ? 'Uploaded. ' : 'Already in the library. ';
      const link = document.createElement('a');
      link.href = `/library/${picture.hash}`;
      link.textContent = `Describe ${file.name}`;
      status.append(link);
    },
    refused(message: string) {
      progress.remove();
      row.classList.add('refused');
      status.setAttribute('role', 'alert');
      status.textContent = `Refused: ${message}`;
    },
  };
}

/**
 * The library's upload form, with script: files chosen or dragged onto it upload at once,
 * several together, each with its progress. Without script the form posts one file.
 */
export function enhanceUploadForm(form: HTMLFormElement, list: HTMLElement): void {
  const input = form.querySelector<HTMLInputElement>('input[type="file"]');
  const csrf = form.querySelector<HTMLInputElement>('input[name="csrf"]')?.value ?? '';
  const maxBytes = Number(form.dataset.maxBytes);
  if (!input) return;
  input.multiple = true;
  input.required = false;
  form.querySelector('#drop-hint')?.removeAttribute('hidden');
  form.querySelector('button[type="submit"]')?.setAttribute('hidden', '');
  const send = (files: FileList | null) => {
    if (files && files.length > 0) void uploadFiles([...files], list, { csrf, maxBytes });
  };
  input.addEventListener('change', () => {
    send(input.files);
    input.value = '';
  });
  form.addEventListener('submit', (event) => event.preventDefault());
  form.addEventListener('dragover', (event) => {
    event.preventDefault();
    form.classList.add('dragging');
  });
  form.addEventListener('dragleave', () => form.classList.remove('dragging'));
  form.addEventListener('drop', (event) => {
    event.preventDefault();
    form.classList.remove('dragging');
    send(event.dataTransfer?.files ?? null);
  });
}
