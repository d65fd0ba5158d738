import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Store } from '@newsroom/db';
import type { AuditEntry, NewsroomSettings, Person, SessionInfo } from '@newsroom/domain';

type Parts = Pick<
  Store,
  'people' | 'sessions' | 'links' | 'challenges' | 'signInThrottle' | 'audit' | 'settings'
>;

const sha = (text: string) => createHash('sha256').update(text).digest('hex');
const secret = () => randomBytes(32).toString('base64url');

/**
 * The Store's people repositories kept in memory, for the API's tests while the database's own
 * ones are written (issue 15): the same contract (store.ts), no persistence.
 */
export function peopleInMemory(): Parts {
  const people = new Map<
    string,
    Person & {
      hash: string | null;
      totp: { secret: string; enabled: boolean } | null;
      lastStep: number;
      codes: Set<string>;
      keys: Map<
        string,
        {
          id: string;
          credentialId: string;
          publicKey: string;
          counter: number;
          transports: string[];
          name: string;
          createdAt: string;
          lastUsedAt: string | null;
        }
      >;
    }
  >();
  const sessions = new Map<string, SessionInfo & { hash: string; ended: boolean }>();
  const links = new Map<string, { personId: string; kind: string; expiresAt: number; used: boolean }>();
  const challenges = new Map<
    string,
    { kind: string; personId: string | null; value: string; expiresAt: number }
  >();
  const failures = new Map<string, { count: number; until: number }>();
  const audit: AuditEntry[] = [];
  let settings: NewsroomSettings = { requireSecondFactorFrom: null };
  const now = () => Date.now();
  const publicPerson = (p: NonNullable<ReturnType<typeof people.get>>): Person => ({
    id: p.id,
    email: p.email,
    name: p.name,
    role: p.role,
    authorSlug: p.authorSlug,
    status: p.status,
    createdAt: p.createdAt,
    lastSignInAt: p.lastSignInAt,
    totpEnabled: p.totp?.enabled ?? false,
    passkeyCount: p.keys.size,
  });
  const get = (id: string) => {
    const p = people.get(id);
    if (!p) throw Object.assign(new Error('no such person'), { name: 'NotFoundError' });
    return p;
  };
  return {
    people: {
      async invite(input) {
        const id = randomUUID();
        people.set(id, {
          id,
          email: input.email,
          name: input.name,
          role: input.role,
          authorSlug: input.authorSlug ?? null,
          status: 'invited',
          createdAt: new Date().toISOString(),
          lastSignInAt: null,
          totpEnabled: false,
          passkeyCount: 0,
          hash: null,
          totp: null,
          lastStep: -1,
          codes: new Set(),
          keys: new Map(),
        });
        return publicPerson(get(id));
      },
      async byId(id) {
        const p = people.get(id);
        return p ? publicPerson(p) : null;
      },
      async byEmail(email) {
        const p = [...people.values()].find((x) => x.email === email.toLowerCase());
        return p ? publicPerson(p) : null;
      },
      async list() {
        return { items: [...people.values()].map(publicPerson), nextCursor: null };
      },
      async update(id, patch) {
        Object.assign(get(id), patch);
        return publicPerson(get(id));
      },
      async passwordHash(id) {
        return get(id).hash;
      },
      async setPasswordHash(id, hash) {
        const p = get(id);
        p.hash = hash;
        if (p.status === 'invited') p.status = 'active';
      },
      async recordSignIn(id) {
        get(id).lastSignInAt = new Date().toISOString();
      },
      async totp(id) {
        return get(id).totp;
      },
      async beginTotp(id, s) {
        const p = get(id);
        if (!p.totp?.enabled) p.totp = { secret: s, enabled: false };
      },
      async enableTotp(id, hashes) {
        const p = get(id);
        if (p.totp) p.totp.enabled = true;
        p.codes = new Set(hashes);
      },
      async disableTotp(id) {
        const p = get(id);
        p.totp = null;
        p.codes = new Set();
      },
      async useTotpStep(id, step) {
        const p = get(id);
        if (step <= p.lastStep) return false;
        p.lastStep = step;
        return true;
      },
      async setRecoveryCodes(id, hashes) {
        get(id).codes = new Set(hashes);
      },
      async useRecoveryCode(id, hash) {
        return get(id).codes.delete(hash);
      },
      async recoveryCodesLeft(id) {
        return get(id).codes.size;
      },
      async passkeys(id) {
        return [...get(id).keys.values()].map(({ id, name, createdAt, lastUsedAt }) => ({
          id,
          name,
          createdAt,
          lastUsedAt,
        }));
      },
      async passkeyCredential(credentialId) {
        for (const p of people.values())
          for (const k of p.keys.values())
            if (k.credentialId === credentialId) return { ...k, personId: p.id };
        return null;
      },
      async addPasskey(personId, credential) {
        for (const p of people.values())
          for (const k of p.keys.values())
            if (k.credentialId === credential.credentialId)
              throw Object.assign(new Error('This passkey is already registered'), {
                name: 'PasskeyTakenError',
              });
        const key = {
          ...credential,
          id: randomUUID(),
          createdAt: new Date().toISOString(),
          lastUsedAt: null,
        };
        get(personId).keys.set(key.id, key);
        return { id: key.id, name: key.name, createdAt: key.createdAt, lastUsedAt: null };
      },
      async renamePasskey(personId, id, name) {
        const k = get(personId).keys.get(id);
        if (k) k.name = name;
        return !!k;
      },
      async removePasskey(personId, id) {
        return get(personId).keys.delete(id);
      },
      async usePasskey(id, counter) {
        for (const p of people.values()) {
          const k = p.keys.get(id);
          if (k) {
            k.counter = counter;
            k.lastUsedAt = new Date().toISOString();
          }
        }
      },
    },
    sessions: {
      async create(input) {
        const s = `nrs_${secret()}`;
        const at = new Date(input.now ?? now());
        const session = {
          id: randomUUID(),
          personId: input.personId,
          createdAt: at.toISOString(),
          lastSeenAt: at.toISOString(),
          expiresAt: new Date(at.getTime() + input.lifetimeMs).toISOString(),
          userAgent: input.userAgent,
          address: input.address,
          hash: sha(s),
          ended: false,
        };
        sessions.set(session.id, session);
        const { hash: _h, ended: _e, ...info } = session;
        return { secret: s, session: info };
      },
      async resolve(s, { idleMs, now: at }) {
        const t = (at ?? new Date()).getTime();
        const session = [...sessions.values()].find((x) => x.hash === sha(s));
        if (
          !session ||
          session.ended ||
          Date.parse(session.expiresAt) <= t ||
          Date.parse(session.lastSeenAt) + idleMs <= t
        )
          return null;
        const person = people.get(session.personId);
        if (person?.status !== 'active') return null;
        session.lastSeenAt = new Date(t).toISOString();
        const { hash: _h, ended: _e, ...info } = session;
        return { session: info, person: publicPerson(person) };
      },
      async list(personId) {
        return [...sessions.values()]
          .filter((x) => x.personId === personId && !x.ended)
          .map(({ hash: _h, ended: _e, ...info }) => info);
      },
      async end(personId, id) {
        const s = sessions.get(id);
        if (!s || s.personId !== personId || s.ended) return false;
        s.ended = true;
        return true;
      },
      async endAll(personId, options) {
        let n = 0;
        for (const s of sessions.values())
          if (s.personId === personId && !s.ended && s.id !== options?.exceptSessionId) {
            s.ended = true;
            n++;
          }
        return n;
      },
      async prune() {
        return 0;
      },
    },
    links: {
      async create(personId, kind, { ttlMs }) {
        for (const l of links.values()) if (l.personId === personId && l.kind === kind) l.used = true;
        const s = secret();
        links.set(sha(s), { personId, kind, expiresAt: now() + ttlMs, used: false });
        return { secret: s, expiresAt: new Date(now() + ttlMs).toISOString() };
      },
      async peek(s, kind) {
        const l = links.get(sha(s));
        return l && !l.used && l.kind === kind && l.expiresAt > now()
          ? { personId: l.personId, expiresAt: new Date(l.expiresAt).toISOString() }
          : null;
      },
      async consume(s, kind) {
        const l = links.get(sha(s));
        if (!l || l.used || l.kind !== kind || l.expiresAt <= now()) return null;
        l.used = true;
        return l.personId;
      },
    },
    challenges: {
      async create(input) {
        const s = secret();
        challenges.set(sha(s), {
          kind: input.kind,
          personId: input.personId,
          value: input.value,
          expiresAt: now() + input.ttlMs,
        });
        return { secret: s, expiresAt: new Date(now() + input.ttlMs).toISOString() };
      },
      async take(s, kind) {
        const c = challenges.get(sha(s));
        challenges.delete(sha(s));
        return c && c.kind === kind && c.expiresAt > now() ? { personId: c.personId, value: c.value } : null;
      },
      async prune() {
        return 0;
      },
    },
    signInThrottle: {
      async wait(keys) {
        return Math.max(0, ...keys.map((k) => (failures.get(k)?.until ?? 0) - now()));
      },
      async fail(keys, policy) {
        let wait = 0;
        for (const k of keys) {
          const f = failures.get(k) ?? { count: 0, until: 0 };
          f.count++;
          const over = f.count - policy.freeFailures;
          const delay = over >= 0 ? Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** over) : 0;
          f.until = now() + delay;
          failures.set(k, f);
          wait = Math.max(wait, delay);
        }
        return wait;
      },
      async clear(keys) {
        for (const k of keys) failures.delete(k);
      },
    },
    audit: {
      async record(entry) {
        const e = { ...entry, id: randomUUID(), at: entry.at ?? new Date().toISOString() };
        audit.unshift(e);
        return e;
      },
      async list(query) {
        return {
          items: audit.filter((e) => !query.action || e.action === query.action).slice(0, query.limit),
          nextCursor: null,
        };
      },
    },
    settings: {
      async get() {
        return settings;
      },
      async update(patch) {
        settings = { ...settings, ...patch };
        return settings;
      },
    },
  };
}

/** A real Store whose people repositories are the in-memory ones above. */
export function withPeopleInMemory(store: Store): Store {
  const parts = peopleInMemory();
  return new Proxy(store, {
    get(target, name) {
      if (Object.hasOwn(parts, name)) return parts[name as keyof Parts];
      const value = Reflect.get(target, name);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
