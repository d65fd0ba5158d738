import { Heading as TiptapHeading } from '@tiptap/extension-heading';
import { textSourceAttribute } from './text-source';

/** The body's headings: h2 to h4 (h1 is the headline). Pasted h1 reads as h2, h5 and h6 as h4. */
export const Heading = TiptapHeading.extend({
  addAttributes() {
    return { ...this.parent?.(), ...textSourceAttribute };
  },
  parseHTML() {
    return ([1, 2, 3, 4, 5, 6] as const).map((n) => ({
      tag: `h${n}`,
      attrs: { level: Math.min(4, Math.max(2, n)) },
    }));
  },
}).configure({ levels: [2, 3, 4] });
