import type { StoryFields } from '../lib/story-fields';
import type { LocalCopy } from './autosave';

export interface KeptCopy {
  version: number;
  fields: StoryFields;
  at: string;
}

/**
 * A story's unsaved text in the browser's localStorage, under one key per story. It outlives a
 * crash, a reload or a closed tab; it is cleared once the server has acknowledged the text.
 * A full or blocked storage loses nothing that is on the page; it only cannot help after a crash.
 */
export function localCopyOf(
  storyId: string,
  storage: Storage | null = safeStorage(),
): LocalCopy & { read(): KeptCopy | null } {
  const key = `newsroom-desk:story:${storyId}`;
  return {
    write(copy) {
      try {
        storage?.setItem(key, JSON.stringify(copy));
      } catch {
        // Quota or privacy mode: the text is still on the page and still being saved.
      }
    },
    clear() {
      storage?.removeItem(key);
    },
    read() {
      try {
        const text = storage?.getItem(key);
        if (!text) return null;
        const copy = JSON.parse(text) as KeptCopy;
        return Number.isInteger(copy.version) && copy.fields && typeof copy.at === 'string' ? copy : null;
      } catch {
        return null;
      }
    },
  };
}

function safeStorage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}
