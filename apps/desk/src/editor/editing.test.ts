// @vitest-environment happy-dom
import { Editor, type JSONContent } from '@tiptap/core';
import { TextSelection } from '@tiptap/pm/state';
import { afterEach, describe, expect, it } from 'vitest';
import { bodyToDoc } from './body-to-doc';
import { docToBody } from './doc-to-body';
import { editorExtensions } from './editor-extensions';

/** Typing in a real editor under happy-dom: the keys go through the extensions' keymaps. */
let editor: Editor | undefined;

afterEach(() => {
  editor?.destroy();
  editor = undefined;
});

function open(content: JSONContent, cursorAt: (doc: Editor['state']['doc']) => number) {
  editor = new Editor({ element: document.createElement('div'), extensions: editorExtensions(), content });
  const { state, view } = editor;
  view.dispatch(state.tr.setSelection(TextSelection.create(state.doc, cursorAt(state.doc))));
  return editor;
}

/**
 * A key pressed in the editor, through the same keydown handlers a browser's key reaches
 * (Tiptap's keyboardShortcut command keeps only document changes, not a moved cursor).
 * True when a handler took it; false lets the browser act (Tab moves the focus on).
 */
function press(ed: Editor, key: string, mod = false): boolean {
  const event = new KeyboardEvent('keydown', { key, ctrlKey: mod, bubbles: true, cancelable: true });
  return ed.view.someProp('handleKeyDown', (handle) => handle(ed.view, event)) ?? false;
}

/** The position at the end of the first node of `type`'s text. */
function endOf(type: string) {
  return (doc: Editor['state']['doc']) => {
    let at = -1;
    doc.descendants((node, pos) => {
      if (at < 0 && node.type.name === type) at = pos + 1 + node.content.size;
    });
    return at;
  };
}

describe('editing in the editor', () => {
  it('Enter in a quote goes from the words to the attribution, then to a new paragraph', () => {
    const ed = open(
      bodyToDoc([{ type: 'quote', text: 'It was cold.', attribution: null }]),
      endOf('quoteText'),
    );
    press(ed, 'Enter');
    ed.commands.insertContent('Ada');
    press(ed, 'Enter');
    ed.commands.insertContent('After.');
    expect(docToBody(ed.getJSON()).body).toEqual([
      { type: 'quote', text: 'It was cold.', attribution: 'Ada' },
      { type: 'paragraph', text: 'After.' },
    ]);
  });

  it('Backspace at the start of an attribution goes back to the words without merging them', () => {
    const ed = open(
      bodyToDoc([{ type: 'quote', text: 'Words', attribution: '' }]),
      endOf('quoteAttribution'),
    );
    press(ed, 'Backspace');
    ed.commands.insertContent('!');
    expect(docToBody(ed.getJSON()).body).toEqual([{ type: 'quote', text: 'Words!', attribution: '' }]);
  });

  it('Tab does not nest a list item (the model has one level), and Enter adds an item', () => {
    const body = [{ type: 'list' as const, style: 'bulleted' as const, items: ['One', 'Two'] }];
    const ed = open(bodyToDoc(body), (doc) => {
      let at = -1;
      doc.descendants((node, pos) => {
        if (node.isText && node.text === 'Two') at = pos + 3;
      });
      return at;
    });
    expect(press(ed, 'Tab')).toBe(false);
    press(ed, 'Enter');
    ed.commands.insertContent('Three');
    expect(docToBody(ed.getJSON()).body).toEqual([
      { type: 'list', style: 'bulleted', items: ['One', 'Two', 'Three'] },
    ]);
  });

  it('offers headings 2 to 4 only, and links only to addresses the model accepts', () => {
    const ed = open(bodyToDoc([{ type: 'paragraph', text: 'Title' }]), endOf('paragraph'));
    expect(ed.commands.setHeading({ level: 1 })).toBe(false);
    expect(ed.commands.setHeading({ level: 3 })).toBe(true);
    ed.commands.selectAll();
    expect(ed.commands.setLink({ href: 'javascript:alert(1)' })).toBe(false);
    expect(ed.commands.setLink({ href: 'https://example.com/a b' })).toBe(true);
    expect(docToBody(ed.getJSON()).body).toEqual([
      { type: 'heading', level: 3, text: '[Title](https://example.com/a%20b)' },
    ]);
  });

  it('Mod-b on a word of an untouched paragraph saves canonical source with the word bold', () => {
    const ed = open(bodyToDoc([{ type: 'paragraph', text: '_Calm_ day' }]), endOf('paragraph'));
    const { state, view } = ed;
    view.dispatch(state.tr.setSelection(TextSelection.create(state.doc, 6, 9)));
    press(ed, 'b', true);
    expect(docToBody(ed.getJSON()).body).toEqual([{ type: 'paragraph', text: '*Calm* **day**' }]);
  });
});
