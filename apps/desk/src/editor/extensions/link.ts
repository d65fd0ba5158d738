import { Link as TiptapLink } from '@tiptap/extension-link';
import { linkHrefOf } from '../link-href';

/**
 * Links hold only their address, as the model does: no target, title or class. An address the
 * model refuses (javascript:, data:, …) is no link at all, pasted or typed: its text stays plain.
 */
export const Link = TiptapLink.extend({
  addAttributes() {
    return { href: { default: null } };
  },
  parseHTML() {
    return [
      {
        tag: 'a[href]',
        getAttrs: (dom) => {
          const href = linkHrefOf((dom as HTMLElement).getAttribute('href') ?? '');
          return href === null ? false : { href };
        },
      },
    ];
  },
}).configure({
  openOnClick: false,
  isAllowedUri: (url) => linkHrefOf(url) !== null,
  HTMLAttributes: { rel: 'noopener noreferrer nofollow', target: null, class: null },
});
