/**
 * TEMPORARY, until the db part of issue 15 lands: the people, sessions, links and audit
 * repositories the `user` command uses, held in memory per database URL (so every Store
 * opened on one URL in a test sees the same people), with the Store contract's rules as
 * store.ts states them. Replace with the real Store once it is built, then delete this file.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { MissingReferenceError, NotFoundError, type Store, StoreError } from '@newsroom/db';
import { type AuditEntry, InvitePersonInputSchema, type Person, type SessionInfo } from '@newsroom/domain';

interface World {
  people: Map<string, Person & { passwordHash: string | null }>;
  sessions: Map<string, SessionInfo & { hash: string; ended: boolean }>;
  links: Map<string, { personId: string; kind: string; expiresAt: string; used: boolean }>;
  audit: AuditEntry[];
}

/** As @newsroom/db's EmailTakenError, which its index does not export yet. */
class EmailTakenError extends StoreError {
  override name = 'EmailTakenError';
  constructor(readonly email: string) {
    super(`someone already has the email address ${email}`);
  }
}

const worlds = new Map<string, World>();
const hash = (secret: string) => createHash('sha256').update(secret).digest('hex');
const publicPerson = ({ passwordHash: _, ...person }: Person & { passwordHash: string | null }): Person => ({
  ...person,
});

export function withPeopleFake(store: Store, url: string): Store {
  let world = worlds.get(url);
  if (!world) {
    world = { people: new Map(), sessions: new Map(), links: new Map(), audit: [] };
    worlds.set(url, world);
  }
  const w = world;
  const find = (id: string) => {
    const person = w.people.get(id);
    if (!person) throw new NotFoundError(`no person ${id}`);
    return person;
  };
  const people = {
    async invite(input: Parameters<Store['people']['invite']>[0]) {
      const data = InvitePersonInputSchema.parse(input);
      if ([...w.people.values()].some((p) => p.email === data.email)) throw new EmailTakenError(data.email);
      if (data.authorSlug && !(await store.authors.bySlug(data.authorSlug))) {
        throw new MissingReferenceError(`no author ${data.authorSlug}`);
      }
      const person = {
        id: randomUUID(),
        ...data,
        status: 'invited' as const,
        createdAt: new Date().toISOString(),
        lastSignInAt: null,
        totpEnabled: false,
        passkeyCount: 0,
        passwordHash: null,
      };
      w.people.set(person.id, person);
      return publicPerson(person);
    },
    async byId(id: string) {
      const person = w.people.get(id);
      return person ? publicPerson(person) : null;
    },
    async byEmail(email: string) {
      const person = [...w.people.values()].find((p) => p.email === email.trim().toLowerCase());
      return person ? publicPerson(person) : null;
    },
    async list(query: { status?: string; cursor?: string; limit: number }) {
      const all = [...w.people.values()]
        .filter((p) => !query.status || p.status === query.status)
        .sort((a, b) => (a.email < b.email ? -1 : 1))
        .filter((p) => !query.cursor || p.email > query.cursor);
      const items = all.slice(0, query.limit).map(publicPerson);
      return { items, nextCursor: all.length > query.limit ? (items.at(-1)?.email ?? null) : null };
    },
    async update(id: string, patch: Partial<Person>) {
      const person = find(id);
      Object.assign(person, patch);
      return publicPerson(person);
    },
    async passwordHash(id: string) {
      return find(id).passwordHash;
    },
    async setPasswordHash(id: string, value: string) {
      const person = find(id);
      person.passwordHash = value;
      if (person.status === 'invited') person.status = 'active';
    },
    async recordSignIn(id: string, now = new Date()) {
      find(id).lastSignInAt = now.toISOString();
    },
  };
  const live = (s: SessionInfo & { ended: boolean }, idleMs: number, now: Date) =>
    !s.ended &&
    Date.parse(s.expiresAt) > now.getTime() &&
    Date.parse(s.lastSeenAt) + idleMs > now.getTime() &&
    w.people.get(s.personId)?.status === 'active';
  const sessions = {
    async create(input: {
      personId: string;
      userAgent: string;
      address: string;
      lifetimeMs: number;
      now?: Date;
    }) {
      const now = input.now ?? new Date();
      const secret = `nrs_${randomBytes(32).toString('base64url')}`;
      const session = {
        id: randomUUID(),
        personId: input.personId,
        createdAt: now.toISOString(),
        lastSeenAt: now.toISOString(),
        expiresAt: new Date(now.getTime() + input.lifetimeMs).toISOString(),
        userAgent: input.userAgent,
        address: input.address,
        hash: hash(secret),
        ended: false,
      };
      w.sessions.set(session.id, session);
      const { hash: _, ended: __, ...info } = session;
      return { secret, session: info };
    },
    async resolve(secret: string, options: { idleMs: number; now?: Date }) {
      const now = options.now ?? new Date();
      const session = [...w.sessions.values()].find((s) => s.hash === hash(secret));
      if (!session || !live(session, options.idleMs, now)) return null;
      const { hash: _, ended: __, ...info } = session;
      return { session: info, person: publicPerson(find(session.personId)) };
    },
    async list(personId: string, options: { idleMs: number; now?: Date }) {
      const now = options.now ?? new Date();
      return [...w.sessions.values()]
        .filter((s) => s.personId === personId && live(s, options.idleMs, now))
        .map(({ hash: _, ended: __, ...info }) => info);
    },
    async endAll(personId: string) {
      let n = 0;
      for (const s of w.sessions.values()) {
        if (s.personId === personId && !s.ended) {
          s.ended = true;
          n += 1;
        }
      }
      return n;
    },
  };
  const links = {
    async create(personId: string, kind: string, options: { ttlMs: number; now?: Date }) {
      const now = options.now ?? new Date();
      for (const [key, link] of w.links)
        if (link.personId === personId && link.kind === kind) w.links.delete(key);
      const secret = randomBytes(32).toString('base64url');
      const expiresAt = new Date(now.getTime() + options.ttlMs).toISOString();
      w.links.set(hash(secret), { personId, kind, expiresAt, used: false });
      return { secret, expiresAt };
    },
    async peek(secret: string, kind: string, now = new Date()) {
      const link = w.links.get(hash(secret));
      if (!link || link.kind !== kind || link.used || Date.parse(link.expiresAt) <= now.getTime())
        return null;
      return { personId: link.personId, expiresAt: link.expiresAt };
    },
  };
  const audit = {
    async record(entry: Omit<AuditEntry, 'id' | 'at'>) {
      const saved = { ...entry, id: randomUUID(), at: new Date().toISOString() };
      w.audit.push(saved);
      return saved;
    },
    async list(query: { action?: string; objectId?: string; limit: number }) {
      const items = [...w.audit]
        .reverse()
        .filter(
          (e) =>
            (!query.action || e.action === query.action) &&
            (!query.objectId || e.objectId === query.objectId),
        )
        .slice(0, query.limit);
      return { items, nextCursor: null };
    },
  };
  return Object.assign(Object.create(store), {
    people,
    sessions,
    links,
    audit,
    close: () => store.close(),
  }) as Store;
}
