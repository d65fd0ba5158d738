import type { Editor } from '@tiptap/core';
import { Fragment } from '@tiptap/pm/model';
import { NodeSelection, TextSelection } from '@tiptap/pm/state';
import { type DialogField, openDialog } from './editor-dialogs';
import type { LibraryAccess } from './library-chooser';

/**
 * The toolbar's block commands that Tiptap has no command for: a quote made from the block at
 * the cursor (and back), and pictures and see-also links inserted or, when one is selected,
 * edited in a dialog. After a dialog, focus goes back to the text at once with the view's own
 * focus(): Tiptap's focus command waits a frame, and would take focus back from a field the
 * person has moved to in the meantime.
 */

export function toggleQuote(editor: Editor): void {
  const { state, view } = editor;
  const { schema, selection } = state;
  const { $from } = selection;
  const { quote, quoteText, quoteAttribution, paragraph } = schema.nodes;
  if (!quote || !quoteText || !quoteAttribution || !paragraph) return;
  // In a quote: its words become a paragraph again, and a named speaker a paragraph after them.
  for (let depth = $from.depth; depth > 0; depth--) {
    const node = $from.node(depth);
    if (node.type !== quote) continue;
    const words = node.child(0);
    const who = node.child(1);
    const blocks = [paragraph.create(null, words.content)];
    if (who.textContent.trim()) blocks.push(paragraph.create(null, who.content));
    const start = $from.before(depth);
    const tr = state.tr.replaceWith(start, $from.after(depth), Fragment.from(blocks));
    tr.setSelection(TextSelection.near(tr.doc.resolve(start + 1)));
    view.dispatch(tr.scrollIntoView());
    view.focus();
    return;
  }
  const block = $from.parent;
  if (!block.isTextblock || $from.depth < 1 || $from.node($from.depth - 1).type.name !== 'doc') {
    editor.commands.focus();
    return;
  }
  const start = $from.before();
  const made = quote.create(null, [quoteText.create(null, block.content), quoteAttribution.create()]);
  const tr = state.tr.replaceWith(start, $from.after(), made);
  tr.setSelection(TextSelection.near(tr.doc.resolve(start + 2)));
  view.dispatch(tr.scrollIntoView());
  view.focus();
}

/** The node selected whole (a picture, a see-also), if it is of that type. */
function selectedNode(editor: Editor, type: string) {
  const { selection } = editor.state;
  return selection instanceof NodeSelection && selection.node.type.name === type ? selection.node : null;
}

/** The size a picture is given until its own is known: 16:9, the common shape of a news photo. */
const guessedSize = { width: 1600, height: 900 };

export async function editPicture(
  editor: Editor,
  sizeOf: (src: string) => Promise<{ width: number; height: number } | null>,
  library: LibraryAccess,
): Promise<void> {
  const current = selectedNode(editor, 'image')?.attrs as Record<string, string | number | null> | undefined;
  const text = (name: string) =>
    current?.[name] === null || current?.[name] === undefined ? '' : String(current[name]);
  const values = await openDialog(current ? 'Edit picture' : 'Picture', [
    { name: 'library', label: 'From the library', type: 'library', library },
    ...pictureFields({
      src: text('src'),
      alt: text('alt'),
      caption: text('caption'),
      credit: text('credit'),
    }),
  ]);
  editor.view.focus();
  if (!values?.src) return;
  const size =
    values.sizeOf === values.src
      ? { width: Number(values.width), height: Number(values.height) }
      : values.src === current?.src && current.width && current.height
        ? { width: Number(current.width), height: Number(current.height) }
        : null;
  const attrs = {
    src: values.src,
    alt: values.alt ?? '',
    caption: values.caption || null,
    credit: values.credit || null,
    ...(size ?? guessedSize),
  };
  // The picture goes in at once, where the person was: loading it to learn its size can take
  // seconds, by which time they have typed on or moved elsewhere.
  if (current) editor.chain().focus().updateAttributes('image', attrs).run();
  else insertBlock(editor, { type: 'image', attrs });
  if (!size) {
    const loaded = await sizeOf(values.src);
    if (loaded) setPictureSize(editor, values.src, loaded);
  }
}

/** A picture's address and words, as a picture dialog asks for them. */
export function pictureFields(values: {
  src: string;
  alt: string;
  caption: string;
  credit: string;
}): DialogField[] {
  return [
    {
      name: 'src',
      label: 'Picture address',
      hint: 'Filled in by a picture from the library; or the https address of a picture elsewhere.',
      required: true,
      value: values.src,
    },
    {
      name: 'alt',
      label: 'Alt text',
      hint: 'What the picture shows, for readers who cannot see it.',
      value: values.alt,
    },
    { name: 'caption', label: 'Caption', value: values.caption },
    { name: 'credit', label: 'Credit', value: values.credit },
  ];
}

/** Gives the pictures of that address still at the guessed size their own, leaving the cursor be. */
function setPictureSize(editor: Editor, src: string, size: { width: number; height: number }): void {
  const { tr, doc } = editor.state;
  doc.descendants((node, pos) => {
    const { attrs } = node;
    if (
      node.type.name === 'image' &&
      attrs.src === src &&
      attrs.width === guessedSize.width &&
      attrs.height === guessedSize.height
    )
      tr.setNodeMarkup(pos, undefined, { ...attrs, ...size });
  });
  if (tr.docChanged) editor.view.dispatch(tr);
}

export async function editSeeAlso(editor: Editor): Promise<void> {
  const chosen = await openDialog('See also', [
    { name: 'story', label: 'Find a published story', type: 'story' },
  ]);
  editor.view.focus();
  if (!chosen?.story || !chosen.headline) return;
  const attrs = { slug: chosen.story, headline: chosen.headline };
  if (selectedNode(editor, 'seeAlso')) editor.chain().focus().updateAttributes('seeAlso', attrs).run();
  else insertBlock(editor, { type: 'seeAlso', attrs });
}

/** A new block at the cursor, or after the block selected whole, which it must not replace. */
function insertBlock(editor: Editor, node: { type: string; attrs: Record<string, unknown> }): void {
  const { selection } = editor.state;
  if (selection instanceof NodeSelection) editor.chain().focus().insertContentAt(selection.to, node).run();
  else editor.chain().focus().insertContent(node).run();
}
