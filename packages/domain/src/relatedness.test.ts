import { describe, expect, it } from 'vitest';
import { rankRelated, recencyHalfLifeDays, relatednessScore, relatednessWeights } from './relatedness.js';
import { article, pick, prng, section, tag } from './testing/fixtures.js';

const day = 86_400_000;
const base = Date.parse('2025-03-01T09:00:00Z');
const at = (days: number) => new Date(base + days * day).toISOString();

function story(tags: string[], options: { section?: string; days?: number | null } = {}) {
  return article({
    tags: tags.map(tag),
    section: options.section ? section(options.section) : null,
    publishedAt: options.days === null ? null : at(options.days ?? 0),
  });
}

describe('relatednessScore', () => {
  it('is 0 for the article itself', () => {
    const a = story(['ukraine', 'diplomacy'], { section: 'world' });
    expect(relatednessScore(a, a)).toBe(0);
    expect(relatednessScore(a, { ...a })).toBe(0);
  });

  it('is 0 when two stories share no tag and no section, however close in time', () => {
    const a = story(['ukraine'], { section: 'world' });
    const b = story(['football'], { section: 'sport' });
    expect(relatednessScore(a, b)).toBe(0);
    expect(relatednessScore(story([]), story([]))).toBe(0);
  });

  it('is 1 for stories with the same tags and section published together', () => {
    const a = story(['ukraine', 'diplomacy'], { section: 'world' });
    const b = story(['ukraine', 'diplomacy'], { section: 'world' });
    expect(relatednessScore(a, b)).toBeCloseTo(1, 10);
  });

  it('weighs tags, section and recency as documented', () => {
    expect(relatednessWeights.tags + relatednessWeights.section + relatednessWeights.recency).toBeCloseTo(
      1,
      10,
    );
    const a = story(['ukraine', 'diplomacy'], { section: 'world' });
    // Same section only, published together: section weight plus full recency.
    expect(relatednessScore(a, story(['football'], { section: 'world' }))).toBeCloseTo(0.15 + 0.25, 10);
    // One of two tags shared, the primary one, no section, no publication date: 0.6 × (0.75 × ½ + 0.25).
    expect(relatednessScore(a, story(['ukraine', 'energy'], { days: null }))).toBeCloseTo(0.6 * 0.625, 10);
  });

  it('scores higher the more tags are shared', () => {
    const a = story(['ukraine', 'russia', 'diplomacy', 'energy']);
    const one = story(['ukraine', 'x', 'y', 'z']);
    const two = story(['ukraine', 'russia', 'y', 'z']);
    const three = story(['ukraine', 'russia', 'diplomacy', 'z']);
    expect(relatednessScore(a, two)).toBeGreaterThan(relatednessScore(a, one));
    expect(relatednessScore(a, three)).toBeGreaterThan(relatednessScore(a, two));
  });

  it('scores a shared primary tag above a shared secondary tag', () => {
    const a = story(['ukraine', 'diplomacy']);
    const samePrimary = story(['ukraine', 'energy']);
    const sameSecondary = story(['energy', 'diplomacy']);
    expect(relatednessScore(a, samePrimary)).toBeGreaterThan(relatednessScore(a, sameSecondary));
  });

  it('adds for the same section', () => {
    const a = story(['ukraine'], { section: 'world' });
    const sameSection = story(['ukraine'], { section: 'world' });
    const otherSection = story(['ukraine'], { section: 'business' });
    const noSection = story(['ukraine']);
    expect(relatednessScore(a, sameSection)).toBeGreaterThan(relatednessScore(a, otherSection));
    expect(relatednessScore(a, otherSection)).toBe(relatednessScore(a, noSection));
  });

  it('scores stories closer in time higher, halving the recency signal every 14 days', () => {
    const a = story(['ukraine'], { days: 0 });
    const near = relatednessScore(a, story(['ukraine'], { days: 1 }));
    const far = relatednessScore(a, story(['ukraine'], { days: 30 }));
    expect(near).toBeGreaterThan(far);
    const now = relatednessScore(a, story(['ukraine'], { days: 0 }));
    const halfLife = relatednessScore(a, story(['ukraine'], { days: recencyHalfLifeDays }));
    expect(now - halfLife).toBeCloseTo(relatednessWeights.recency / 2, 10);
  });

  it('counts time the same before and after', () => {
    const a = story(['ukraine'], { days: 0 });
    expect(relatednessScore(a, story(['ukraine'], { days: -3 }))).toBe(
      relatednessScore(a, story(['ukraine'], { days: 3 })),
    );
  });

  it('property: symmetric and between 0 and 1', () => {
    const random = prng(7);
    const tagPool = ['ukraine', 'russia', 'diplomacy', 'energy', 'football', 'climate', 'elections', 'ai'];
    const sections = [undefined, 'world', 'sport', 'business'];
    const make = () => {
      const tags = tagPool.filter(() => random() < 0.3).sort(() => random() - 0.5);
      const days = random() < 0.1 ? null : Math.floor(random() * 120) - 60;
      return story(tags, { section: pick(random, sections), days });
    };
    for (let i = 0; i < 400; i++) {
      const a = make();
      const b = make();
      const score = relatednessScore(a, b);
      expect(relatednessScore(b, a)).toBe(score);
      expect(score).toBeGreaterThanOrEqual(0);
      expect(score).toBeLessThanOrEqual(1 + 1e-12);
    }
  });
});

describe('rankRelated', () => {
  const a = story(['ukraine', 'russia', 'diplomacy'], { section: 'world', days: 0 });
  const best = story(['ukraine', 'russia', 'diplomacy'], { section: 'world', days: 1 });
  const good = story(['ukraine', 'russia'], { section: 'world', days: 2 });
  const fair = story(['energy', 'diplomacy'], { days: 3 });
  const sectionOnly = story(['football'], { section: 'world', days: 1 });
  const unrelated = story(['football'], { section: 'sport', days: 0 });

  it('orders best first and leaves out the article itself and unrelated stories', () => {
    expect(rankRelated(a, [unrelated, fair, a, sectionOnly, good, best])).toEqual([
      best,
      good,
      fair,
      sectionOnly,
    ]);
  });

  it('returns at most five by default, or as many as asked', () => {
    const many = Array.from({ length: 8 }, (_, i) => story(['ukraine'], { days: i }));
    expect(rankRelated(a, many)).toHaveLength(5);
    expect(rankRelated(a, many, 2)).toEqual([many[0], many[1]]);
  });

  it('ranks the story closer in time higher when everything else is equal', () => {
    const lastMonth = story(['ukraine', 'russia'], { section: 'world', days: -30 });
    const yesterday = story(['ukraine', 'russia'], { section: 'world', days: -1 });
    expect(rankRelated(a, [lastMonth, yesterday])).toEqual([yesterday, lastMonth]);
  });

  it('puts the newer story first when scores are equal', () => {
    const before = story(['ukraine'], { days: -2 });
    const after = story(['ukraine'], { days: 2 });
    expect(relatednessScore(a, before)).toBe(relatednessScore(a, after));
    expect(rankRelated(a, [before, after])).toEqual([after, before]);
  });

  it('returns nothing when there are no candidates', () => {
    expect(rankRelated(a, [])).toEqual([]);
  });
});
