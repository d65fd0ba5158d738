import type { Attributes } from '@tiptap/core';

/**
 * The inline source a text block was opened with (null for new or pasted blocks). docToBody
 * saves it unchanged while the block still shows what it parses to, so a non-canonical source
 * (`_a_`, a needless escape, an unsafe link shown as text) survives opening and saving. Never
 * rendered, never read from pasted HTML, and not carried to the second half of a split block.
 */
export const textSourceAttribute: Attributes = {
  source: {
    default: null,
    rendered: false,
    keepOnSplit: false,
    parseHTML: () => null,
  },
};
