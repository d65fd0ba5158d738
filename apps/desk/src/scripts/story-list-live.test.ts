import { articleEventTypes as domainTypes } from '@newsroom/domain';
import { describe, expect, it } from 'vitest';
import { articleEventTypes } from './story-list-live';

describe('the live story list', () => {
  it('listens for every article event the domain has', () => {
    expect([...articleEventTypes].sort()).toEqual([...domainTypes].sort());
  });
});
