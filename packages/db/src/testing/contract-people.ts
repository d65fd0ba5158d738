import { createHash } from 'node:crypto';
import { PersonSchema } from '@newsroom/domain';
import { describe, expect, it } from 'vitest';
import {
  EmailTakenError,
  InvalidInputError,
  MissingReferenceError,
  NotFoundError,
  PasskeyTakenError,
} from '../errors.js';
import type { NewPasskeyCredential, Store } from '../store.js';
import { at, unknownId } from './contract-fixtures.js';
import { raceOf, type StoreSessions } from './store-sessions.js';

/** A recovery code's stored form: SHA-256 hex. */
export function codeHashOf(code: string): string {
  return createHash('sha256').update(code).digest('hex');
}

export function invitee(
  store: Store,
  email = 'ada@example.com',
  role: 'admin' | 'editor' | 'author' = 'editor',
) {
  return store.people.invite({ email, name: 'Ada Editor', role, authorSlug: null }, { now: at(0) });
}

export async function activePerson(store: Store, email = 'ada@example.com') {
  const person = await invitee(store, email);
  await store.people.setPasswordHash(person.id, 'scrypt$hash');
  return person;
}

const credential = (overrides: Partial<NewPasskeyCredential> = {}): NewPasskeyCredential => ({
  name: 'Laptop',
  credentialId: 'Y3JlZGVudGlhbC0x',
  publicKey: 'cHVibGljLWtleQ',
  counter: 0,
  transports: ['internal'],
  ...overrides,
});

/** People: accounts, passwords, TOTP, recovery codes, passkeys. Part of describeStoreContract. */
export function describePeopleContract(store: () => Store, sessions: StoreSessions): void {
  describe('people', () => {
    it('invite a person with a lower-cased email and no password, found by id and by email in any case', async () => {
      const person = await store().people.invite(
        { email: '  Ada@Example.COM ', name: 'Ada', role: 'author', authorSlug: 'al' },
        { now: at(0) },
      );
      expect(PersonSchema.parse(person)).toEqual(person);
      expect(person).toMatchObject({
        email: 'ada@example.com',
        name: 'Ada',
        role: 'author',
        authorSlug: 'al',
        status: 'invited',
        createdAt: at(0).toISOString(),
        lastSignInAt: null,
        totpEnabled: false,
        passkeyCount: 0,
      });
      expect(await store().people.byId(person.id)).toEqual(person);
      expect(await store().people.byEmail('ADA@example.com')).toEqual(person);
      expect(await store().people.byEmail('nobody@example.com')).toBeNull();
      expect(await store().people.byId(unknownId)).toBeNull();
      expect(await store().people.passwordHash(person.id)).toBeNull();
    });

    it('refuse a second person with the same email, whatever its case, and an unknown author', async () => {
      await invitee(store());
      await expect(invitee(store(), 'ADA@example.com')).rejects.toThrow(EmailTakenError);
      await expect(
        store().people.invite({ email: 'bo@example.com', name: 'Bo', role: 'author', authorSlug: 'nobody' }),
      ).rejects.toThrow(MissingReferenceError);
      await expect(
        store().people.invite({ email: 'not an email', name: 'Bo', role: 'author', authorSlug: null }),
      ).rejects.toThrow(InvalidInputError);
      expect((await store().people.list({ limit: 10 })).items).toHaveLength(1);
    });

    it(`let only one of two invitations of one email made at once succeed, ${raceOf(sessions)}`, async () => {
      const results = await Promise.allSettled([invitee(store()), invitee(store())]);
      expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
      const failed = results.find((result) => result.status === 'rejected');
      expect(failed?.status === 'rejected' && failed.reason).toBeInstanceOf(EmailTakenError);
    });

    it('list people by email in keyset pages, filtered by status', async () => {
      const emails = ['c@example.com', 'a@example.com', 'b@example.com'];
      for (const email of emails) await invitee(store(), email);
      await store().people.setPasswordHash((await store().people.byEmail('b@example.com'))?.id ?? '', 'h');
      const first = await store().people.list({ limit: 2 });
      expect(first.items.map((p) => p.email)).toEqual(['a@example.com', 'b@example.com']);
      const second = await store().people.list({ limit: 2, cursor: first.nextCursor ?? '' });
      expect(second.items.map((p) => p.email)).toEqual(['c@example.com']);
      expect(second.nextCursor).toBeNull();
      const active = await store().people.list({ limit: 10, status: 'active' });
      expect(active.items.map((p) => p.email)).toEqual(['b@example.com']);
      await expect(store().people.list({ limit: 2, cursor: 'nonsense' })).rejects.toThrow(InvalidInputError);
    });

    it('update name, role, author and status, refusing an unknown person or author and bad input', async () => {
      const person = await invitee(store());
      const updated = await store().people.update(person.id, {
        name: 'Ada L',
        role: 'admin',
        authorSlug: 'bea',
      });
      expect(updated).toMatchObject({ name: 'Ada L', role: 'admin', authorSlug: 'bea' });
      expect((await store().people.update(person.id, { authorSlug: null })).authorSlug).toBeNull();
      await expect(store().people.update(unknownId, { name: 'X' })).rejects.toThrow(NotFoundError);
      await expect(store().people.update(person.id, { authorSlug: 'nobody' })).rejects.toThrow(
        MissingReferenceError,
      );
      await expect(store().people.update(person.id, { name: '' })).rejects.toThrow(InvalidInputError);
      expect((await store().people.byId(person.id))?.name).toBe('Ada L');
    });

    it('make an invited person active when a password is set, and keep the hash for checking', async () => {
      const person = await invitee(store());
      await store().people.setPasswordHash(person.id, 'scrypt$one');
      expect((await store().people.byId(person.id))?.status).toBe('active');
      expect(await store().people.passwordHash(person.id)).toBe('scrypt$one');
      await expect(store().people.setPasswordHash(unknownId, 'h')).rejects.toThrow(NotFoundError);
      // A suspended person stays suspended when their password changes.
      await store().people.update(person.id, { status: 'suspended' });
      await store().people.setPasswordHash(person.id, 'scrypt$two');
      expect((await store().people.byId(person.id))?.status).toBe('suspended');
    });

    it('record the last sign-in', async () => {
      const person = await activePerson(store());
      await store().people.recordSignIn(person.id, at(5));
      expect((await store().people.byId(person.id))?.lastSignInAt).toBe(at(5).toISOString());
    });

    it('enrol TOTP in two steps, with recovery codes spent once each, and disable it', async () => {
      const person = await activePerson(store());
      expect(await store().people.totp(person.id)).toBeNull();
      await store().people.beginTotp(person.id, 'JBSWY3DPEHPK3PXP');
      expect(await store().people.totp(person.id)).toEqual({ secret: 'JBSWY3DPEHPK3PXP', enabled: false });
      expect((await store().people.byId(person.id))?.totpEnabled).toBe(false);
      // A second begin replaces the unconfirmed key.
      await store().people.beginTotp(person.id, 'KRSXG5CTMVRXEZLU');
      const codes = ['aaaaa-bbbbb', 'ccccc-ddddd'].map(codeHashOf);
      await store().people.enableTotp(person.id, codes);
      expect(await store().people.totp(person.id)).toEqual({ secret: 'KRSXG5CTMVRXEZLU', enabled: true });
      expect((await store().people.byId(person.id))?.totpEnabled).toBe(true);
      expect(await store().people.recoveryCodesLeft(person.id)).toBe(2);
      expect(await store().people.useRecoveryCode(person.id, codes[0] ?? '')).toBe(true);
      expect(await store().people.useRecoveryCode(person.id, codes[0] ?? '')).toBe(false);
      expect(await store().people.useRecoveryCode(person.id, codeHashOf('unknown'))).toBe(false);
      expect(await store().people.recoveryCodesLeft(person.id)).toBe(1);
      await store().people.setRecoveryCodes(person.id, ['x', 'y', 'z'].map(codeHashOf));
      expect(await store().people.recoveryCodesLeft(person.id)).toBe(3);
      expect(await store().people.useRecoveryCode(person.id, codes[1] ?? '')).toBe(false);
      await store().people.disableTotp(person.id);
      expect(await store().people.totp(person.id)).toBeNull();
      expect(await store().people.recoveryCodesLeft(person.id)).toBe(0);
    });

    it('refuse recovery code hashes that are not 64 hex digits, changing nothing', async () => {
      const person = await activePerson(store());
      await store().people.beginTotp(person.id, 'JBSWY3DPEHPK3PXP');
      await expect(store().people.enableTotp(person.id, ['aaaaa-bbbbb'])).rejects.toThrow(InvalidInputError);
      expect(await store().people.totp(person.id)).toEqual({ secret: 'JBSWY3DPEHPK3PXP', enabled: false });
      await expect(store().people.setRecoveryCodes(person.id, ['A'.repeat(64)])).rejects.toThrow(
        InvalidInputError,
      );
      expect(await store().people.recoveryCodesLeft(person.id)).toBe(0);
    });

    it('accept each TOTP time step once, and no step at or before the last used', async () => {
      const person = await activePerson(store());
      expect(await store().people.useTotpStep(person.id, 1000)).toBe(true);
      expect(await store().people.useTotpStep(person.id, 1000)).toBe(false);
      expect(await store().people.useTotpStep(person.id, 999)).toBe(false);
      expect(await store().people.useTotpStep(person.id, 1001)).toBe(true);
    });

    it(`accept one of two uses of a TOTP step made at once, ${raceOf(sessions)}`, async () => {
      const person = await activePerson(store());
      const used = await Promise.all([
        store().people.useTotpStep(person.id, 5000),
        store().people.useTotpStep(person.id, 5000),
      ]);
      expect(used.filter(Boolean)).toHaveLength(1);
    });

    it('add, list, rename, use and remove passkeys, refusing a credential registered twice', async () => {
      const person = await activePerson(store());
      const other = await activePerson(store(), 'bo@example.com');
      const passkey = await store().people.addPasskey(person.id, credential());
      expect(passkey).toMatchObject({ name: 'Laptop', lastUsedAt: null });
      expect(await store().people.passkeys(person.id)).toEqual([passkey]);
      expect((await store().people.byId(person.id))?.passkeyCount).toBe(1);
      expect(await store().people.passkeyCredential('Y3JlZGVudGlhbC0x')).toEqual({
        ...credential(),
        id: passkey.id,
        personId: person.id,
      });
      await expect(store().people.addPasskey(other.id, credential({ name: 'Stolen' }))).rejects.toThrow(
        PasskeyTakenError,
      );
      await expect(
        store().people.addPasskey(unknownId, credential({ credentialId: 'b3RoZXI' })),
      ).rejects.toThrow(NotFoundError);
      await expect(
        store().people.addPasskey(person.id, credential({ credentialId: 'bmV3', name: 'x'.repeat(61) })),
      ).rejects.toThrow(InvalidInputError);
      expect(await store().people.renamePasskey(person.id, passkey.id, ' Work laptop ')).toBe(true);
      expect(await store().people.renamePasskey(other.id, passkey.id, 'Mine')).toBe(false);
      await expect(store().people.renamePasskey(person.id, passkey.id, '')).rejects.toThrow(
        InvalidInputError,
      );
      await store().people.usePasskey(passkey.id, 7, at(3));
      expect(await store().people.passkeys(person.id)).toEqual([
        { ...passkey, name: 'Work laptop', lastUsedAt: at(3).toISOString() },
      ]);
      expect((await store().people.passkeyCredential('Y3JlZGVudGlhbC0x'))?.counter).toBe(7);
      expect(await store().people.removePasskey(other.id, passkey.id)).toBe(false);
      expect(await store().people.removePasskey(person.id, passkey.id)).toBe(true);
      expect(await store().people.passkeys(person.id)).toEqual([]);
      expect(await store().people.passkeyCredential('Y3JlZGVudGlhbC0x')).toBeNull();
    });

    it(`register a credential once when it is added twice at once, ${raceOf(sessions)}`, async () => {
      const person = await activePerson(store());
      const results = await Promise.allSettled([
        store().people.addPasskey(person.id, credential()),
        store().people.addPasskey(person.id, credential()),
      ]);
      expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
      const failed = results.find((result) => result.status === 'rejected');
      expect(failed?.status === 'rejected' && failed.reason).toBeInstanceOf(PasskeyTakenError);
    });
  });
}
