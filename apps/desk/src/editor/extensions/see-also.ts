import { Node } from '@tiptap/core';
import { atomAttributes } from './atom-attributes';

/** A see-also block: a link to another story (slug, or null when there is none) and its headline. */
export const SeeAlso = Node.create({
  name: 'seeAlso',
  group: 'block',
  atom: true,
  draggable: true,
  selectable: true,
  addAttributes() {
    return atomAttributes({ slug: null, headline: '' });
  },
  parseHTML() {
    return [{ tag: 'aside[data-block="see-also"]' }];
  },
  renderHTML({ node, HTMLAttributes }) {
    return [
      'aside',
      { ...HTMLAttributes, 'data-block': 'see-also' },
      `See also: ${node.attrs.headline ?? ''}`,
    ];
  },
});
