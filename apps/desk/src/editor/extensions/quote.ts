import { Node } from '@tiptap/core';
import { TextSelection } from '@tiptap/pm/state';
import { textSourceAttribute } from './text-source';

/**
 * A quote block: its words (inline text, with bold, italic and links) and then who said them
 * (plain text, possibly empty). Both are text in the document, so the attribution is typed and
 * read like any other text. Enter in the words moves to the attribution; Enter in the
 * attribution starts a paragraph after the quote.
 */
export const Quote = Node.create({
  name: 'quote',
  group: 'block',
  content: 'quoteText quoteAttribution',
  defining: true,
  parseHTML() {
    return [{ tag: 'figure[data-block="quote"]' }];
  },
  renderHTML() {
    return ['figure', { 'data-block': 'quote', class: 'quote' }, 0];
  },
  addKeyboardShortcuts() {
    return {
      Enter: () =>
        this.editor.commands.command(({ state, tr, dispatch }) => {
          const { $from, empty } = state.selection;
          if (!empty || $from.depth < 1 || $from.node(-1).type.name !== this.name) return false;
          if ($from.parent.type.name === 'quoteText') {
            // The attribution starts right after the words' closing token and its own opening one.
            const attribution = $from.after() + 1;
            if (dispatch) tr.setSelection(TextSelection.create(tr.doc, attribution)).scrollIntoView();
            return true;
          }
          const paragraph = state.schema.nodes.paragraph;
          if (!paragraph) return false;
          const after = $from.after(-1);
          if (dispatch) {
            tr.insert(after, paragraph.create());
            tr.setSelection(TextSelection.create(tr.doc, after + 1)).scrollIntoView();
          }
          return true;
        }),
      Backspace: () =>
        this.editor.commands.command(({ state, tr, dispatch }) => {
          // Backspace at the attribution's start goes back to the end of the words.
          const { $from, empty } = state.selection;
          if (!empty || $from.parent.type.name !== 'quoteAttribution' || $from.parentOffset > 0) return false;
          if (dispatch) tr.setSelection(TextSelection.create(tr.doc, $from.before() - 1));
          return true;
        }),
    };
  },
});

export const QuoteText = Node.create({
  name: 'quoteText',
  content: 'inline*',
  addAttributes() {
    return { ...textSourceAttribute };
  },
  parseHTML() {
    return [{ tag: 'blockquote[data-block="quote-text"]' }];
  },
  renderHTML() {
    return ['blockquote', { 'data-block': 'quote-text' }, 0];
  },
});

/** Who is quoted: plain text (the model renders it as text), so no marks. */
export const QuoteAttribution = Node.create({
  name: 'quoteAttribution',
  content: 'text*',
  marks: '',
  addAttributes() {
    // The attribution as opened, null or '': both show nothing, and each saves back as it was.
    return { ...textSourceAttribute };
  },
  parseHTML() {
    return [{ tag: 'figcaption[data-block="quote-attribution"]' }];
  },
  renderHTML() {
    return ['figcaption', { 'data-block': 'quote-attribution' }, 0];
  },
});
