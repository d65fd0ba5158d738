import { describe, expect, it } from 'vitest';
import { comparableTextOf, wordDiff } from './word-diff';

describe('comparing two versions word by word', () => {
  it('marks the words taken out and put in, and keeps the rest', () => {
    const parts = wordDiff(
      'The council approved the budget on Monday.',
      'The council rejected the budget on Tuesday.',
    );
    expect(parts.filter((p) => p.kind === 'removed').map((p) => p.text.trim())).toEqual([
      'approved',
      'Monday',
    ]);
    expect(parts.filter((p) => p.kind === 'added').map((p) => p.text.trim())).toEqual([
      'rejected',
      'Tuesday',
    ]);
    const after = parts
      .filter((p) => p.kind !== 'removed')
      .map((p) => p.text)
      .join('');
    expect(after).toBe('The council rejected the budget on Tuesday.');
  });

  it('shows a whole replacement when the versions are too different to compare in time', () => {
    const before = Array.from({ length: 4000 }, (_, i) => `a${i}`).join(' ');
    const after = Array.from({ length: 4000 }, (_, i) => `b${i}`).join(' ');
    const parts = wordDiff(before, after, 1);
    expect(parts.map((p) => p.kind)).toEqual(['removed', 'added']);
  });

  it('compares what readers read: headline, standfirst and the body as plain text', () => {
    const text = comparableTextOf({
      headline: 'Flood warning',
      standfirst: null,
      body: [
        { type: 'paragraph', text: 'Rain **all** night, said [the agency](https://example.org).' },
        { type: 'quote', text: 'Stay home', attribution: 'The mayor' },
        { type: 'list', style: 'bulleted', items: ['Roads', 'Rail'] },
      ],
    });
    expect(text).toEqual([
      { label: 'Headline', text: 'Flood warning' },
      { label: 'Standfirst', text: '' },
      {
        label: 'Body',
        text: 'Rain all night, said the agency.\n\n“Stay home” — The mayor\n\n• Roads\n• Rail',
      },
    ]);
  });
});
