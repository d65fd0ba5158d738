import { randomUUID } from 'node:crypto';
import {
  type Actor,
  decodeTupleCursor,
  EmailSchema,
  encodeTupleCursor,
  InvitePersonInputSchema,
  type Passkey,
  PasskeyNameSchema,
  type Person,
  type PersonEvent,
  PersonNameSchema,
  PersonStatusSchema,
  RoleSchema,
  SlugSchema,
  systemActor,
} from '@newsroom/domain';
import type { Kysely, Selectable, Transaction } from 'kysely';
import { z } from 'zod';
import {
  EmailTakenError,
  InvalidInputError,
  MissingReferenceError,
  NotFoundError,
  PasskeyTakenError,
} from '../errors.js';
import type { PasskeyCredential, PeopleRepository } from '../store.js';
import type { Database, PasskeysTable, PeopleTable } from './database.js';
import { eventActorOf, type Outbox } from './event-outbox.js';
import { isoUtc } from './iso-time.js';
import { pageLimitOf } from './page-limit.js';
import { isUniqueViolation } from './unique-violation.js';

/** What a recovery code's stored hash looks like: SHA-256 hex. */
const codeHash = /^[0-9a-f]{64}$/;
/** A person holds ten codes; a few more leaves room without letting the table grow unbounded. */
const maxRecoveryCodes = 20;
/** WebAuthn credential ids are at most 1023 bytes: 1364 base64url characters. */
const maxCredentialId = 1400;
const maxPublicKey = 4000;
const maxTransports = 10;
const maxPasswordHash = 1000;
const maxTotpSecret = 200;

const UpdateSchema = z
  .object({
    name: PersonNameSchema.optional(),
    role: RoleSchema.optional(),
    authorSlug: SlugSchema.nullable().optional(),
    status: PersonStatusSchema.optional(),
  })
  .strict();

const NewPasskeySchema = z
  .object({
    name: PasskeyNameSchema,
    credentialId: z.string().min(1).max(maxCredentialId),
    publicKey: z.string().min(1).max(maxPublicKey),
    counter: z
      .number()
      .int()
      .min(0)
      .max(2 ** 32 - 1),
    transports: z.array(z.string().max(40)).max(maxTransports),
  })
  .strict();

/** Zod's complaint as the Store's InvalidInputError, so the API answers it as bad input. */
function parsed<T>(schema: z.ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new InvalidInputError(result.error.issues.map((issue) => issue.message).join('; '));
  }
  return result.data;
}

export function createPeopleRepository(db: Kysely<Database>, outbox: Outbox): PeopleRepository {
  /** The account's event, last in the write's transaction; nothing of it reaches a reader's cache. */
  const recordChange = async (
    trx: Kysely<Database>,
    id: string,
    change: PersonEvent['change'],
    options: { actor?: Actor; now?: Date },
  ) => {
    const person = await trx
      .selectFrom('people')
      .select(['role', 'status'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    await outbox.record(
      trx,
      {
        type: 'person.changed',
        actor: eventActorOf(options.actor ?? systemActor),
        cacheKeys: [],
        change,
        person: { id, role: person.role, status: person.status },
      },
      isoUtc(options.now ?? new Date()),
    );
  };

  const mustExist = async (trx: Kysely<Database> | Transaction<Database>, id: string) => {
    const row = await trx.selectFrom('people').select('id').where('id', '=', id).executeTakeFirst();
    if (!row) throw new NotFoundError(`no person has the id ${id}`);
  };

  return {
    async invite(raw, { now = new Date(), actor } = {}) {
      const input = parsed(InvitePersonInputSchema, raw);
      await assertAuthor(db, input.authorSlug);
      const id = randomUUID();
      try {
        await db.transaction().execute(async (trx) => {
          await trx
            .insertInto('people')
            .values({
              id,
              email: input.email,
              name: input.name,
              role: input.role,
              author_slug: input.authorSlug,
              status: 'invited',
              password_hash: null,
              totp_secret: null,
              totp_enabled: 0,
              totp_last_step: null,
              created_at: isoUtc(now),
              last_sign_in_at: null,
            })
            .execute();
          await recordChange(trx, id, 'invited', { actor, now });
        });
      } catch (error) {
        if (isUniqueViolation(error, 'people', 'email')) throw new EmailTakenError(input.email);
        throw error;
      }
      return (await personById(db, id)) as Person;
    },

    byId(id) {
      if (!z.uuid().safeParse(id).success) return Promise.resolve(null);
      return personById(db, id);
    },

    async byEmail(raw) {
      const email = EmailSchema.safeParse(raw);
      if (!email.success) return null;
      const row = await db
        .selectFrom('people')
        .selectAll()
        .where('email', '=', email.data)
        .executeTakeFirst();
      return row ? personOf(db, row) : null;
    },

    async list({ status, cursor, limit }) {
      const pageSize = pageLimitOf(limit);
      let select = db.selectFrom('people').selectAll();
      if (status !== undefined) select = select.where('status', '=', parsed(PersonStatusSchema, status));
      if (cursor) {
        const after = decodeTupleCursor(cursor, 1);
        if (!after || typeof after[0] !== 'string') {
          throw new InvalidInputError('cursor is not valid; use nextCursor from a previous page');
        }
        select = select.where('email', '>', after[0]);
      }
      const rows = await select
        .orderBy('email')
        .limit(pageSize + 1)
        .execute();
      const page = rows.slice(0, pageSize);
      const last = page.at(-1);
      return {
        items: await Promise.all(page.map((row) => personOf(db, row))),
        nextCursor: rows.length > pageSize && last ? encodeTupleCursor([last.email]) : null,
      };
    },

    async update(id, raw, options = {}) {
      const patch = parsed(UpdateSchema, raw);
      if (patch.authorSlug) await assertAuthor(db, patch.authorSlug);
      await db.transaction().execute(async (trx) => {
        await mustExist(trx, id);
        const before = await trx
          .selectFrom('people')
          .select('status')
          .where('id', '=', id)
          .executeTakeFirstOrThrow();
        const set: Partial<Pick<Selectable<PeopleTable>, 'name' | 'role' | 'author_slug' | 'status'>> = {};
        if (patch.name !== undefined) set.name = patch.name;
        if (patch.role !== undefined) set.role = patch.role;
        if (patch.authorSlug !== undefined) set.author_slug = patch.authorSlug;
        if (patch.status !== undefined) set.status = patch.status;
        if (Object.keys(set).length > 0)
          await trx.updateTable('people').set(set).where('id', '=', id).execute();
        // A suspension takes effect at once: the person's sessions end with it.
        if (patch.status === 'suspended') {
          await trx
            .updateTable('person_sessions')
            .set({ ended_at: isoUtc(new Date()) })
            .where('person_id', '=', id)
            .where('ended_at', 'is', null)
            .execute();
        }
        if (Object.keys(set).length === 0) return;
        const change =
          patch.status === 'suspended' && before.status !== 'suspended'
            ? 'suspended'
            : patch.status === 'active' && before.status === 'suspended'
              ? 'reactivated'
              : 'updated';
        await recordChange(trx, id, change, options);
      });
      return (await personById(db, id)) as Person;
    },

    async passwordHash(id) {
      const row = await db
        .selectFrom('people')
        .select('password_hash')
        .where('id', '=', id)
        .executeTakeFirst();
      return row?.password_hash ?? null;
    },

    async setPasswordHash(id, hash) {
      if (hash.length === 0 || hash.length > maxPasswordHash) {
        throw new InvalidInputError(`a password hash has 1 to ${maxPasswordHash} characters`);
      }
      await db.transaction().execute(async (trx) => {
        await mustExist(trx, id);
        await trx.updateTable('people').set({ password_hash: hash }).where('id', '=', id).execute();
        const accepted = await trx
          .updateTable('people')
          .set({ status: 'active' })
          .where('id', '=', id)
          .where('status', '=', 'invited')
          .executeTakeFirst();
        // An invitation taken up: the person chose their password and may sign in.
        if (accepted.numUpdatedRows > 0n) await recordChange(trx, id, 'activated', {});
      });
    },

    async recordSignIn(id, now = new Date()) {
      await db
        .updateTable('people')
        .set({ last_sign_in_at: isoUtc(now) })
        .where('id', '=', id)
        .execute();
    },

    async totp(id) {
      const row = await db
        .selectFrom('people')
        .select(['totp_secret', 'totp_enabled'])
        .where('id', '=', id)
        .executeTakeFirst();
      if (!row?.totp_secret) return null;
      return { secret: row.totp_secret, enabled: Number(row.totp_enabled) === 1 };
    },

    async beginTotp(id, secret) {
      if (!/^[A-Z2-7]+=*$/.test(secret) || secret.length > maxTotpSecret) {
        throw new InvalidInputError(`a TOTP key is base32 of at most ${maxTotpSecret} characters`);
      }
      await mustExist(db, id);
      // An enabled key stays until it is disabled: beginning again must not lock the person out.
      const result = await db
        .updateTable('people')
        .set({ totp_secret: secret, totp_last_step: null })
        .where('id', '=', id)
        .where('totp_enabled', '=', 0)
        .executeTakeFirst();
      if (result.numUpdatedRows === 0n) {
        throw new InvalidInputError('an authenticator app is already enabled: disable it first');
      }
    },

    async enableTotp(id, hashes) {
      checkCodeHashes(hashes);
      await db.transaction().execute(async (trx) => {
        const row = await trx
          .selectFrom('people')
          .select('totp_secret')
          .where('id', '=', id)
          .executeTakeFirst();
        if (!row) throw new NotFoundError(`no person has the id ${id}`);
        if (!row.totp_secret) throw new InvalidInputError('no authenticator app enrolment was begun');
        await trx.updateTable('people').set({ totp_enabled: 1 }).where('id', '=', id).execute();
        await replaceCodes(trx, id, hashes);
      });
    },

    async disableTotp(id) {
      await db.transaction().execute(async (trx) => {
        await mustExist(trx, id);
        await trx
          .updateTable('people')
          .set({ totp_secret: null, totp_enabled: 0, totp_last_step: null })
          .where('id', '=', id)
          .execute();
        await trx.deleteFrom('recovery_codes').where('person_id', '=', id).execute();
      });
    },

    async useTotpStep(id, step) {
      if (!Number.isSafeInteger(step) || step < 0 || step > 2 ** 31 - 1) {
        throw new InvalidInputError('a TOTP step is a whole number from 0');
      }
      // One conditional update: two sign-ins with the same code cannot both pass.
      const result = await db
        .updateTable('people')
        .set({ totp_last_step: step })
        .where('id', '=', id)
        .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },

    async setRecoveryCodes(id, hashes) {
      checkCodeHashes(hashes);
      await db.transaction().execute(async (trx) => {
        await mustExist(trx, id);
        await replaceCodes(trx, id, hashes);
      });
    },

    async useRecoveryCode(id, hash) {
      if (!codeHash.test(hash)) return false;
      const result = await db
        .updateTable('recovery_codes')
        .set({ used_at: isoUtc(new Date()) })
        .where('person_id', '=', id)
        .where('code_hash', '=', hash)
        .where('used_at', 'is', null)
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },

    async recoveryCodesLeft(id) {
      const row = await db
        .selectFrom('recovery_codes')
        .select((eb) => eb.fn.countAll<number | bigint | string>().as('count'))
        .where('person_id', '=', id)
        .where('used_at', 'is', null)
        .executeTakeFirstOrThrow();
      return Number(row.count);
    },

    async passkeys(personId) {
      const rows = await db
        .selectFrom('passkeys')
        .selectAll()
        .where('person_id', '=', personId)
        .orderBy('created_at')
        .orderBy('id')
        .execute();
      return rows.map(passkeyOf);
    },

    async passkeyCredential(credentialId) {
      if (credentialId.length === 0 || credentialId.length > maxCredentialId) return null;
      const row = await db
        .selectFrom('passkeys')
        .selectAll()
        .where('credential_id', '=', credentialId)
        .executeTakeFirst();
      return row ? credentialOf(row) : null;
    },

    async addPasskey(personId, raw) {
      const input = parsed(NewPasskeySchema, raw);
      await mustExist(db, personId);
      const existing = await db
        .selectFrom('passkeys')
        .select('id')
        .where('credential_id', '=', input.credentialId)
        .executeTakeFirst();
      if (existing) throw new PasskeyTakenError();
      const row = {
        id: randomUUID(),
        person_id: personId,
        name: input.name,
        credential_id: input.credentialId,
        public_key: input.publicKey,
        counter: input.counter,
        transports: JSON.stringify(input.transports),
        created_at: isoUtc(new Date()),
        last_used_at: null,
      };
      try {
        await db.insertInto('passkeys').values(row).execute();
      } catch (error) {
        if (isUniqueViolation(error, 'passkeys', 'credential_id')) throw new PasskeyTakenError();
        throw error;
      }
      return passkeyOf(row);
    },

    async renamePasskey(personId, passkeyId, rawName) {
      const name = parsed(PasskeyNameSchema, rawName);
      if (!z.uuid().safeParse(passkeyId).success) return false;
      const result = await db
        .updateTable('passkeys')
        .set({ name })
        .where('id', '=', passkeyId)
        .where('person_id', '=', personId)
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },

    async removePasskey(personId, passkeyId) {
      if (!z.uuid().safeParse(passkeyId).success) return false;
      const result = await db
        .deleteFrom('passkeys')
        .where('id', '=', passkeyId)
        .where('person_id', '=', personId)
        .executeTakeFirst();
      return result.numDeletedRows > 0n;
    },

    async usePasskey(passkeyId, counter, now = new Date()) {
      if (!Number.isSafeInteger(counter) || counter < 0 || counter > 2 ** 32 - 1) {
        throw new InvalidInputError('a passkey counter is a whole number from 0 to 2^32 - 1');
      }
      await db
        .updateTable('passkeys')
        .set({ counter, last_used_at: isoUtc(now) })
        .where('id', '=', passkeyId)
        .execute();
    },
  };
}

/** A person as the Store shows them, or null. */
export async function personById(db: Kysely<Database>, id: string): Promise<Person | null> {
  const row = await db.selectFrom('people').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? personOf(db, row) : null;
}

async function assertAuthor(db: Kysely<Database>, slug: string | null | undefined): Promise<void> {
  if (!slug) return;
  const author = await db.selectFrom('authors').select('slug').where('slug', '=', slug).executeTakeFirst();
  if (!author) throw new MissingReferenceError(`unknown author "${slug}"`);
}

function checkCodeHashes(hashes: readonly string[]): void {
  if (hashes.length > maxRecoveryCodes) {
    throw new InvalidInputError(`a person has at most ${maxRecoveryCodes} recovery codes`);
  }
  if (!hashes.every((hash) => codeHash.test(hash))) {
    throw new InvalidInputError('a recovery code is stored as its SHA-256: 64 lower-case hex digits');
  }
  if (new Set(hashes).size !== hashes.length) throw new InvalidInputError('recovery codes must differ');
}

async function replaceCodes(trx: Transaction<Database>, personId: string, hashes: readonly string[]) {
  await trx.deleteFrom('recovery_codes').where('person_id', '=', personId).execute();
  if (hashes.length === 0) return;
  await trx
    .insertInto('recovery_codes')
    .values(hashes.map((code_hash) => ({ person_id: personId, code_hash, used_at: null })))
    .execute();
}

async function personOf(db: Kysely<Database>, row: Selectable<PeopleTable>): Promise<Person> {
  const count = await db
    .selectFrom('passkeys')
    .select((eb) => eb.fn.countAll<number | bigint | string>().as('count'))
    .where('person_id', '=', row.id)
    .executeTakeFirstOrThrow();
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    authorSlug: row.author_slug,
    status: row.status,
    createdAt: row.created_at,
    lastSignInAt: row.last_sign_in_at,
    totpEnabled: Number(row.totp_enabled) === 1,
    passkeyCount: Number(count.count),
  };
}

function passkeyOf(row: Selectable<PasskeysTable>): Passkey {
  return { id: row.id, name: row.name, createdAt: row.created_at, lastUsedAt: row.last_used_at };
}

function credentialOf(row: Selectable<PasskeysTable>): PasskeyCredential {
  return {
    id: row.id,
    personId: row.person_id,
    name: row.name,
    credentialId: row.credential_id,
    publicKey: row.public_key,
    counter: Number(row.counter),
    transports: JSON.parse(row.transports) as string[],
  };
}
