// Bold and italic as Tiptap ships them: they read <strong>, <b>, <em>, <i> and font-weight or
// font-style in pasted HTML, and skip Google Docs' <b style="font-weight:normal"> wrapper.
export { Bold } from '@tiptap/extension-bold';
export { Italic } from '@tiptap/extension-italic';
