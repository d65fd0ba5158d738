import { Node } from '@tiptap/core';
import { shownAddress } from '../../lib/picture-addresses';
import { atomAttributes } from './atom-attributes';

/**
 * An image block, shown and moved whole; its address, text alternative, caption, credit and
 * size are attributes that the page edits in a form. A new image starts without an address or
 * size, which docToBody reports until they are given.
 */
export const Image = Node.create({
  name: 'image',
  group: 'block',
  atom: true,
  draggable: true,
  selectable: true,
  addAttributes() {
    return atomAttributes({ src: null, alt: '', caption: null, credit: null, width: null, height: null });
  },
  parseHTML() {
    // Only the editor's own images: images in pasted pages are dropped (see paste-cleanup.ts).
    return [{ tag: 'figure[data-block="image"]' }];
  },
  renderHTML({ node, HTMLAttributes }) {
    const { src, alt, caption, credit } = node.attrs as Record<string, string | null>;
    const text = [caption, credit && `Photo: ${credit}`].filter(Boolean).join(' ');
    // A library picture is shown by one of its variants, from the desk's own address.
    const width = typeof node.attrs.width === 'number' ? node.attrs.width : null;
    return [
      'figure',
      { ...HTMLAttributes, 'data-block': 'image' },
      ['img', { src: src ? shownAddress(src, width) : '', alt: alt ?? '' }],
      ['figcaption', {}, text],
    ];
  },
});
