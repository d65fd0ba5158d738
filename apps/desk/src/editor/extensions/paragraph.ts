import { Paragraph as TiptapParagraph } from '@tiptap/extension-paragraph';
import { textSourceAttribute } from './text-source';

export const Paragraph = TiptapParagraph.extend({
  addAttributes() {
    return { ...this.parent?.(), ...textSourceAttribute };
  },
});
