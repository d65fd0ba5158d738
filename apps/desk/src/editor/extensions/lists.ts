import { mergeAttributes } from '@tiptap/core';
import {
  BulletList as TiptapBulletList,
  ListItem as TiptapListItem,
  OrderedList as TiptapOrderedList,
} from '@tiptap/extension-list';

/**
 * A list block holds items of one line of inline text each: an item is exactly one paragraph,
 * and lists do not nest (Tab cannot sink an item, so it moves the focus on, as in a form).
 */
export const ListItem = TiptapListItem.extend({
  content: 'paragraph',
  addKeyboardShortcuts() {
    return {
      Enter: () => this.editor.commands.splitListItem(this.name),
      // Lifting the item out of its list makes it a paragraph, which the model holds.
      'Shift-Tab': () => this.editor.commands.liftListItem(this.name),
    };
  },
});

export const BulletList = TiptapBulletList;

/** Numbered lists always count from 1 in the model: no start number or numbering style. */
export const OrderedList = TiptapOrderedList.extend({
  addAttributes() {
    return {};
  },
  renderHTML({ HTMLAttributes }) {
    return ['ol', mergeAttributes(this.options.HTMLAttributes, HTMLAttributes), 0];
  },
});
