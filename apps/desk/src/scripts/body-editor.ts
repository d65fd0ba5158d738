import type { Block } from '@newsroom/domain';
import { Editor } from '@tiptap/core';
import { UndoRedo } from '@tiptap/extensions';
import { bodyToDoc } from '../editor/body-to-doc';
import { docToBody } from '../editor/doc-to-body';
import { editorExtensions } from '../editor/editor-extensions';
import { editPicture, editSeeAlso, toggleQuote } from './editor-commands';
import { openDialog } from './editor-dialogs';
import type { LibraryAccess } from './library-chooser';
import type { BodySource } from './story-form';

/**
 * The story's body as rich text: Tiptap over the body blocks, with a toolbar that is one tab
 * stop (arrow keys move along it, as the ARIA toolbar pattern has it) and dialogs for links,
 * pictures and see-also links.
 */
export function createBodyEditor(
  mount: HTMLElement,
  body: Block[],
  onChange: () => void,
  library: LibraryAccess,
): BodySource {
  const editor = new Editor({
    element: mount,
    extensions: [...editorExtensions(), UndoRedo],
    content: bodyToDoc(body),
    // The desk's CSP allows no inline style element; the editor's few rules are in desk.css.
    injectCSS: false,
    editorProps: {
      attributes: {
        role: 'textbox',
        'aria-multiline': 'true',
        'aria-labelledby': 'body-label',
        id: 'body-text',
      },
    },
  });
  let lastBody: ReturnType<typeof docToBody> | null = null;
  editor.on('update', () => {
    lastBody = null;
    onChange();
  });
  editor.on('selectionUpdate', () => updateToolbar(editor));
  editor.on('transaction', () => updateToolbar(editor));
  startToolbar(editor, library);
  return {
    getBody() {
      // Reading the body is a walk over the whole document; autosave and word count ask often.
      lastBody ??= docToBody(editor.getJSON());
      return lastBody.body;
    },
    problems() {
      lastBody ??= docToBody(editor.getJSON());
      return lastBody.problems;
    },
    setBody(next) {
      editor.commands.setContent(bodyToDoc(next), { emitUpdate: false });
      lastBody = null;
    },
  };
}

type Command = (editor: Editor, library: LibraryAccess) => unknown;

const commands: Record<string, Command> = {
  bold: (e) => e.chain().focus().toggleBold().run(),
  italic: (e) => e.chain().focus().toggleItalic().run(),
  link: async (e) => {
    const current = e.getAttributes('link').href as string | undefined;
    const values = await openDialog(
      'Link',
      [{ name: 'href', label: 'Link address', type: 'url', value: current ?? '' }],
      {
        remove: current ? 'Remove link' : undefined,
        ok: 'Apply',
      },
    );
    e.view.focus();
    if (!values) return true;
    if (values.remove || !values.href) return e.chain().focus().extendMarkRange('link').unsetLink().run();
    e.chain().focus().extendMarkRange('link').setLink({ href: values.href }).run();
  },
  paragraph: (e) => e.chain().focus().setParagraph().run(),
  'heading-2': (e) => e.chain().focus().toggleHeading({ level: 2 }).run(),
  'heading-3': (e) => e.chain().focus().toggleHeading({ level: 3 }).run(),
  'heading-4': (e) => e.chain().focus().toggleHeading({ level: 4 }).run(),
  quote: (e) => toggleQuote(e),
  bulleted: (e) => e.chain().focus().toggleBulletList().run(),
  numbered: (e) => e.chain().focus().toggleOrderedList().run(),
  image: (e, library) => editPicture(e, pictureSize, library),
  'see-also': (e) => editSeeAlso(e),
};

/** The picture's own size, or null when it cannot be loaded from here within 5 seconds. */
export function pictureSize(src: string): Promise<{ width: number; height: number } | null> {
  return new Promise((resolve) => {
    const image = new Image();
    const timer = setTimeout(() => resolve(null), 5_000);
    image.addEventListener('load', () => {
      clearTimeout(timer);
      resolve(
        image.naturalWidth && image.naturalHeight
          ? { width: image.naturalWidth, height: image.naturalHeight }
          : null,
      );
    });
    image.addEventListener('error', () => {
      clearTimeout(timer);
      resolve(null);
    });
    image.src = src;
  });
}

function toolbarButtons(): HTMLButtonElement[] {
  return [...document.querySelectorAll<HTMLButtonElement>('#toolbar button')];
}

function startToolbar(editor: Editor, library: LibraryAccess): void {
  const buttons = toolbarButtons();
  buttons.forEach((button, i) => {
    button.tabIndex = i === 0 ? 0 : -1;
    button.addEventListener('mousedown', (event) => event.preventDefault());
    button.addEventListener('click', () => void commands[button.dataset.command ?? '']?.(editor, library));
    button.addEventListener('keydown', (event) => {
      const moves: Record<string, number> = {
        ArrowRight: i + 1,
        ArrowLeft: i - 1,
        Home: 0,
        End: buttons.length - 1,
      };
      const to = moves[event.key];
      if (to === undefined) return;
      event.preventDefault();
      const next = buttons[(to + buttons.length) % buttons.length];
      if (!next) return;
      for (const b of buttons) b.tabIndex = -1;
      next.tabIndex = 0;
      next.focus();
    });
  });
  // Alt+F10 goes from the text to the toolbar, as in word processors; Escape goes back.
  editor.view.dom.addEventListener('keydown', (event) => {
    if (event.altKey && event.key === 'F10') {
      event.preventDefault();
      (buttons.find((b) => b.tabIndex === 0) ?? buttons[0])?.focus();
    }
  });
  document.getElementById('toolbar')?.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') editor.commands.focus();
  });
}

function updateToolbar(editor: Editor): void {
  const active: Record<string, boolean> = {
    bold: editor.isActive('bold'),
    italic: editor.isActive('italic'),
    link: editor.isActive('link'),
    'heading-2': editor.isActive('heading', { level: 2 }),
    'heading-3': editor.isActive('heading', { level: 3 }),
    'heading-4': editor.isActive('heading', { level: 4 }),
    quote: editor.isActive('quote'),
    bulleted: editor.isActive('bulletList'),
    numbered: editor.isActive('orderedList'),
  };
  for (const button of toolbarButtons()) {
    const command = button.dataset.command ?? '';
    if (command in active) button.setAttribute('aria-pressed', String(active[command]));
  }
}
