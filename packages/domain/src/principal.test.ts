import { describe, expect, it } from 'vitest';
import { hasRole, PrincipalSchema, type Role, roles } from './principal.js';

describe('hasRole', () => {
  const cases: [Role, Role, boolean][] = [
    ['admin', 'admin', true],
    ['admin', 'editor', true],
    ['admin', 'author', true],
    ['admin', 'contributor', true],
    ['editor', 'admin', false],
    ['editor', 'editor', true],
    ['editor', 'author', true],
    ['editor', 'contributor', true],
    ['author', 'admin', false],
    ['author', 'editor', false],
    ['author', 'author', true],
    ['author', 'contributor', true],
    ['contributor', 'admin', false],
    ['contributor', 'editor', false],
    ['contributor', 'author', false],
    ['contributor', 'contributor', true],
  ];

  it('covers every pair of roles', () => {
    expect(cases).toHaveLength(roles.length ** 2);
  });

  it.each(cases)('%s has the rights of %s: %s', (role, required, expected) => {
    expect(hasRole(role, required)).toBe(expected);
  });
});

describe('PrincipalSchema', () => {
  it('accepts a token holder and refuses an unknown role', () => {
    const principal = {
      tokenId: '7d2c0b6e-8d4f-4c1a-9a57-0d7b3f2a1e11',
      name: 'Night desk',
      role: 'editor',
      authorSlug: null,
    };
    expect(PrincipalSchema.parse(principal)).toEqual({
      ...principal,
      personId: null,
      sessionId: null,
      mustEnrolSecondFactor: false,
    });
    expect(PrincipalSchema.safeParse({ ...principal, role: 'superuser' }).success).toBe(false);
  });

  it('accepts a signed-in person, who holds no token', () => {
    const person = {
      tokenId: null,
      personId: '0b6e7d2c-8d4f-4c1a-9a57-0d7b3f2a1e11',
      sessionId: '8d4f0b6e-7d2c-4c1a-9a57-0d7b3f2a1e11',
      name: 'Ada Reporter',
      role: 'author',
      authorSlug: 'ada-reporter',
      mustEnrolSecondFactor: true,
    };
    expect(PrincipalSchema.parse(person)).toEqual(person);
    expect(PrincipalSchema.safeParse({ ...person, personId: 'not-an-id' }).success).toBe(false);
  });
});
