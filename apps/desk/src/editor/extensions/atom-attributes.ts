import type { Attributes } from '@tiptap/core';

/**
 * Attributes of a block the editor shows whole (an image, a see-also link): each is kept in
 * the rendered element's data-* attributes, so copying the block and pasting it back in the
 * editor keeps it. Values are JSON, so null, numbers and strings come back as they were.
 */
export function atomAttributes(defaults: Record<string, unknown>): Attributes {
  const attributes: Attributes = {};
  for (const [name, value] of Object.entries(defaults)) {
    attributes[name] = {
      default: value,
      parseHTML: (element) => {
        const raw = element.getAttribute(`data-${name}`);
        if (raw === null) return value;
        try {
          return JSON.parse(raw) as unknown;
        } catch {
          return value;
        }
      },
      renderHTML: (attrs) => ({ [`data-${name}`]: JSON.stringify(attrs[name] ?? null) }),
    };
  }
  return attributes;
}
