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
export const ListItem = TiptapListItem.extend({ content: 'paragraph' });

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
