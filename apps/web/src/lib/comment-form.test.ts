import { describe, expect, it } from 'vitest';
import { readCommentForm, validateComment } from './comment-form';

const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.set(k, v);
  return data;
};

describe('the comment form', () => {
  it('reads the fields as typed and spots a filled honeypot', () => {
    const id = '0b6a5a52-4a0e-4a8e-9d59-6c3f0f1c7a01';
    expect(readCommentForm(form({ displayName: ' Ann ', body: 'Hi', parentId: id }))).toEqual({
      values: { displayName: ' Ann ', body: 'Hi', parentId: id },
      isBot: false,
    });
    expect(readCommentForm(form({ displayName: 'B', body: 'x', website: 'http://spam' })).isBot).toBe(true);
    expect(readCommentForm(form({ parentId: 'not-an-id' })).values.parentId).toBeNull();
  });

  it('asks for a name and a comment within the limits', () => {
    expect(validateComment({ displayName: ' ', body: '\n', parentId: null })).toEqual({
      displayName: 'Please enter your name.',
      body: 'Please write your comment.',
    });
    expect(validateComment({ displayName: 'n'.repeat(81), body: 'b'.repeat(5_001), parentId: null })).toEqual(
      {
        displayName: 'Your name is too long: use at most 80 characters.',
        body: 'Your comment is too long: use at most 5,000 characters (it has 5,001).',
      },
    );
    expect(validateComment({ displayName: 'Ann', body: 'Fine', parentId: null })).toEqual({});
  });
});
