import { type AnyExtension, getSchema } from '@tiptap/core';
import { Document } from '@tiptap/extension-document';
import { Text } from '@tiptap/extension-text';
import { Heading } from './extensions/heading';
import { Image } from './extensions/image';
import { Link } from './extensions/link';
import { BulletList, ListItem, OrderedList } from './extensions/lists';
import { Bold, Italic } from './extensions/marks';
import { Paragraph } from './extensions/paragraph';
import { Quote, QuoteAttribution, QuoteText } from './extensions/quote';
import { SeeAlso } from './extensions/see-also';
import { PasteCleanup } from './paste-cleanup';

/**
 * Everything the editor's document can hold, and nothing the model cannot: the six block
 * types, bold, italic and links. No hard breaks (a block's text is one line in the model), no
 * nesting, no other marks. Editing aids that add no content (undo, placeholders, a bubble
 * menu) are for the page to add beside these.
 */
export function editorExtensions(): AnyExtension[] {
  return [
    Document,
    Text,
    Paragraph,
    Heading,
    Quote,
    QuoteText,
    QuoteAttribution,
    BulletList,
    OrderedList,
    ListItem,
    Image,
    SeeAlso,
    Link,
    Bold,
    Italic,
    PasteCleanup,
  ];
}

export const editorSchema = getSchema(editorExtensions());
