import { describe, expect, it } from 'vitest';
import { createOpenApiDocument } from './document.js';
import { bodyInputOf, matchRest, queryInputOf, restOperationsOf } from './rest-routes.js';

const operations = restOperationsOf(createOpenApiDocument());

describe('finding the procedure a REST request calls', () => {
  it('reads each operation back to its procedure, with its path parameters decoded', () => {
    const match = matchRest(operations, 'GET', '/v1/articles/caf%C3%A9-opens');
    expect(match.operation?.procedure).toBe('article.bySlug');
    expect(match.operation && match.params).toEqual({ slug: 'café-opens' });
    expect(matchRest(operations, 'HEAD', '/v1/search').operation?.procedure).toBe('article.search');
    expect(matchRest(operations, 'POST', '/v1/articles/abc/publish').operation?.procedure).toBe(
      'article.publish',
    );
  });

  it('prefers a literal segment to a parameter in the same place', () => {
    expect(matchRest(operations, 'GET', '/v1/desk/articles').operation?.procedure).toBe('article.desk');
    expect(matchRest(operations, 'GET', '/v1/articles/x/related').operation?.procedure).toBe(
      'article.related',
    );
    expect(matchRest(operations, 'GET', '/v1/articles/x/comments').operation?.procedure).toBe('comment.list');
  });

  it('names the methods a known path takes, and nothing for an unknown one', () => {
    expect(matchRest(operations, 'DELETE', '/v1/articles')).toEqual({
      operation: null,
      allowed: ['GET', 'POST'],
    });
    expect(matchRest(operations, 'GET', '/v1/articles/x/y/z')).toEqual({ operation: null, allowed: [] });
    expect(matchRest(operations, 'GET', '/v1/articles/%E0%A4%A')).toEqual({ operation: null, allowed: [] });
  });
});

describe('reading the input', () => {
  const list = matchRest(operations, 'GET', '/v1/articles').operation;
  const desk = matchRest(operations, 'GET', '/v1/desk/articles').operation;

  it('reads query values as the description types them, and leaves the rest for zod to refuse', () => {
    if (!list || !desk) throw new Error('no such operations');
    expect(queryInputOf(list, { limit: '5', section: 'world' }, {})).toEqual({ limit: 5, section: 'world' });
    expect(queryInputOf(list, { limit: 'five', colour: 'red' }, {})).toEqual({
      limit: 'five',
      colour: 'red',
    });
    expect(queryInputOf(list, { limit: ['1', '2'] }, {})).toEqual({ limit: ['1', '2'] });
    expect(queryInputOf(desk, { mine: 'true', statuses: 'draft' }, {})).toEqual({
      mine: true,
      statuses: ['draft'],
    });
    expect(queryInputOf(desk, { statuses: ['draft', 'in-review'], mine: 'yes' }, {})).toEqual({
      statuses: ['draft', 'in-review'],
      mine: 'yes',
    });
  });

  it('puts the path’s values over the body’s, and leaves a body that is not an object as it is', () => {
    expect(bodyInputOf({ id: 'other', version: 2 }, { id: 'mine' })).toEqual({ id: 'mine', version: 2 });
    expect(bodyInputOf([1, 2], { id: 'mine' })).toEqual([1, 2]);
    expect(bodyInputOf({ headline: 'A' }, {})).toEqual({ headline: 'A' });
  });
});
