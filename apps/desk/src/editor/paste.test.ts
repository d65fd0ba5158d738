// @vitest-environment happy-dom
import { Editor } from '@tiptap/core';
import { afterEach, describe, expect, it } from 'vitest';
import { docToBody } from './doc-to-body';
import { editorExtensions } from './editor-extensions';

/**
 * Pasting through ProseMirror's own paste path (EditorView.pasteHTML: transformPastedHTML, the
 * schema's parse rules, the extensions' paste rules) in a real editor under happy-dom.
 */
let editor: Editor | undefined;

afterEach(() => {
  editor?.destroy();
  editor = undefined;
});

function pasted(html: string) {
  editor = new Editor({ element: document.createElement('div'), extensions: editorExtensions() });
  editor.view.pasteHTML(html);
  const doc = editor.getJSON();
  editor.schema.nodeFromJSON(doc).check();
  return docToBody(doc);
}

describe('pasting into the editor', () => {
  it('keeps a Google Docs paste: paragraphs, headings, bold, italic, links and lists, not the wrapper', () => {
    const html =
      '<meta charset="utf-8"><b style="font-weight:normal;" id="docs-internal-guid-1a2b3c4d-7fff-1234-5678-9abcdef01234">' +
      '<h1 dir="ltr" style="line-height:1.38;margin-top:20pt;margin-bottom:6pt;"><span style="font-size:20pt;font-family:Arial,sans-serif;color:#000000;font-weight:400;font-style:normal;">Council votes on budget</span></h1>' +
      '<p dir="ltr" style="line-height:1.38;margin-top:0pt;margin-bottom:0pt;"><span style="font-size:11pt;font-family:Arial,sans-serif;font-weight:400;">The council </span><span style="font-size:11pt;font-family:Arial,sans-serif;font-weight:700;">approved</span><span style="font-size:11pt;font-family:Arial,sans-serif;font-weight:400;"> the plan, </span><span style="font-size:11pt;font-family:Arial,sans-serif;font-weight:400;font-style:italic;">after a long night</span><span style="font-size:11pt;font-weight:400;">, says </span><a href="https://example.com/minutes" style="text-decoration:none;"><span style="font-size:11pt;color:#1155cc;font-weight:400;text-decoration:underline;">the minutes</span></a><span style="font-size:11pt;font-weight:400;">.</span></p>' +
      '<br><h5 dir="ltr"><span style="font-weight:400">Details</span></h5>' +
      '<ul style="margin-top:0;margin-bottom:0;padding-inline-start:48px;"><li dir="ltr" style="list-style-type:disc;font-size:11pt;" aria-level="1"><p dir="ltr" role="presentation"><span style="font-size:11pt;font-weight:400;">Roads</span></p></li>' +
      '<li dir="ltr" style="list-style-type:disc;" aria-level="1"><p dir="ltr" role="presentation"><span style="font-weight:400;">Schools</span></p></li></ul>' +
      '</b><br class="Apple-interchange-newline">';
    expect(pasted(html)).toEqual({
      body: [
        { type: 'heading', level: 2, text: 'Council votes on budget' },
        {
          type: 'paragraph',
          text: 'The council **approved** the plan, *after a long night*, says [the minutes](https://example.com/minutes).',
        },
        { type: 'heading', level: 4, text: 'Details' },
        { type: 'list', style: 'bulleted', items: ['Roads', 'Schools'] },
      ],
      problems: [],
      warnings: [],
    });
  });

  it('keeps a Word paste: MsoNormal paragraphs, bold and italic, its bullet and numbered lists; drops <o:p>', () => {
    const html = `<html xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:w="urn:schemas-microsoft-com:office:word">
<head><meta name=ProgId content=Word.Document><style><!-- p.MsoNormal {margin:0cm; font-size:12.0pt;} --></style></head>
<body lang=EN-GB style='tab-interval:36.0pt'><!--StartFragment-->
<p class=MsoNormal><b><span lang=EN-US style='font-size:14.0pt'>Flood warning</span></b><span lang=EN-US> issued for the <i style='mso-bidi-font-style:normal'>lower valley</i>.<o:p></o:p></span></p>
<p class=MsoNormal><o:p>&nbsp;</o:p></p>
<p class=MsoListParagraphCxSpFirst style='text-indent:-18.0pt;mso-list:l0 level1 lfo1'><![if !supportLists]><span style='font-family:Symbol'><span style='mso-list:Ignore'>·<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;&nbsp;&nbsp;&nbsp; </span></span></span><![endif]><span lang=EN-US>Move cars uphill<o:p></o:p></span></p>
<p class=MsoListParagraphCxSpLast style='text-indent:-18.0pt;mso-list:l0 level1 lfo1'><![if !supportLists]><span style='font-family:Symbol'><span style='mso-list:Ignore'>·<span style='font:7.0pt "Times New Roman"'>&nbsp; </span></span></span><![endif]><span lang=EN-US>Stay informed<o:p></o:p></span></p>
<p class=MsoListParagraphCxSpFirst style='mso-list:l1 level1 lfo2'><![if !supportLists]><span><span style='mso-list:Ignore'>1.<span style='font:7.0pt "Times New Roman"'>&nbsp; </span></span></span><![endif]>Call 112</p>
<p class=MsoListParagraphCxSpLast style='mso-list:l1 level1 lfo2'><![if !supportLists]><span><span style='mso-list:Ignore'>2.<span style='font:7.0pt "Times New Roman"'>&nbsp; </span></span></span><![endif]>Wait for help</p>
<!--EndFragment--></body></html>`;
    expect(pasted(html)).toEqual({
      body: [
        { type: 'paragraph', text: '**Flood warning** issued for the *lower valley*.' },
        { type: 'list', style: 'bulleted', items: ['Move cars uphill', 'Stay informed'] },
        { type: 'list', style: 'numbered', items: ['Call 112', 'Wait for help'] },
      ],
      problems: [],
      warnings: [],
    });
  });

  it('keeps the story from a news page and drops scripts, styles, images, ads, tables as tables and unsafe links', () => {
    const html = `<article class="story-body">
<style>.story-body { font-family: Georgia }</style>
<script>window.dataLayer.push({event: 'paste'})</script>
<p class="lede" style="font-size:1.2em">Rescuers reached the <strong>stranded hikers</strong> at dawn.</p>
<figure class="lead-image"><img src="https://cdn.example.com/hikers.jpg" alt="Hikers"><figcaption>Hikers on the ridge. Photo: Agency</figcaption></figure>
<div class="ad-slot" id="ad-top"><span>Advertisement</span><iframe src="https://ads.example.com/x"></iframe></div>
<p>Officials <a href="javascript:alert('x')">said</a> all were safe<br>and warm; <a href="/world/earlier-story" class="internal">earlier story</a>.</p>
<table class="data"><tr><th>Name</th><th>Age</th></tr><tr><td>Ana</td><td>34</td></tr></table>
<ul><li>First<ul><li>Nested</li></ul></li><li><font face="Arial" color="red">Second</font></li></ul>
<aside class="related"><a href="/other">Read more</a></aside>
<div class="promo-newsletter">Sign up for our newsletter</div>
<noscript><img src="https://tracker.example.com/pixel.gif"></noscript>
<h6>Corrections</h6>
<blockquote><p>It was cold.</p></blockquote>
<figure data-block="image" data-src="&quot;https://evil.example.com/x.png&quot;" data-width="1" data-height="1"></figure>
</article>`;
    expect(pasted(html)).toEqual({
      body: [
        { type: 'paragraph', text: 'Rescuers reached the **stranded hikers** at dawn.' },
        {
          type: 'paragraph',
          text: 'Officials said all were safe and warm; [earlier story](/world/earlier-story).',
        },
        { type: 'paragraph', text: 'Name' },
        { type: 'paragraph', text: 'Age' },
        { type: 'paragraph', text: 'Ana' },
        { type: 'paragraph', text: '34' },
        { type: 'list', style: 'bulleted', items: ['First', 'Nested', 'Second'] },
        { type: 'heading', level: 4, text: 'Corrections' },
        { type: 'paragraph', text: 'It was cold.' },
      ],
      problems: [],
      warnings: [],
    });
  });

  it("moves the editor's own blocks by copy and paste, images and quotes included", () => {
    editor = new Editor({
      element: document.createElement('div'),
      extensions: editorExtensions(),
      content: {
        type: 'doc',
        content: [
          {
            type: 'image',
            attrs: { src: '/media/a.svg', alt: 'A', caption: 'Cap', credit: null, width: 4, height: 3 },
          },
          {
            type: 'quote',
            content: [
              { type: 'quoteText', attrs: { source: null }, content: [{ type: 'text', text: 'Words' }] },
              { type: 'quoteAttribution', attrs: { source: null }, content: [{ type: 'text', text: 'Ada' }] },
            ],
          },
          { type: 'seeAlso', attrs: { slug: 'a-story', headline: 'A story' } },
        ],
      },
    });
    const { dom } = editor.view.serializeForClipboard(
      editor.state.doc.slice(0, editor.state.doc.content.size),
    );
    editor.commands.setContent({ type: 'doc', content: [{ type: 'paragraph' }] });
    editor.view.pasteHTML(dom.innerHTML);
    expect(docToBody(editor.getJSON()).body).toEqual([
      { type: 'image', src: '/media/a.svg', alt: 'A', caption: 'Cap', credit: null, width: 4, height: 3 },
      { type: 'quote', text: 'Words', attribution: 'Ada' },
      { type: 'see-also', slug: 'a-story', headline: 'A story' },
    ]);
  });
});
