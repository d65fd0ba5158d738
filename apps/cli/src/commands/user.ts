import { type Store, StoreError } from '@newsroom/db';
import {
  type AuditEntryInput,
  EmailSchema,
  InvitePersonInputSchema,
  limits,
  type Person,
  PersonStatusSchema,
  RoleSchema,
} from '@newsroom/domain';
import { z } from 'zod';
import type { CliIo } from '../cli-io.js';
import { defaultDeskUrl } from '../config.js';
import { printable, tableLines } from '../table.js';
import { type Command, type CommandAction, type ParsedArgs, UsageError } from './command.js';

const hourMs = 3_600_000;
/** How long an invitation link works: long enough to reach someone over a weekend. */
export const invitationLifetimeHours = 72;
/** How long a reset link works: it hands over an account, so not long. */
export const resetLifetimeHours = 2;

/** Who the audit trail names for every change made here: an operator at a shell, not a person who signed in. */
const cliActor = { kind: 'system', id: null, name: 'newsroom cli' } as const;

const usageText =
  'use "user invite --email EMAIL --name NAME --role ROLE [--author SLUG]", "user list [--status STATUS]", ' +
  '"user suspend EMAIL", "user reactivate EMAIL", "user reset EMAIL" or "user role EMAIL ROLE"';

/** Flags each action takes: one meant for another action is a mistake worth stopping on. */
const flagsOf: Record<string, string[]> = {
  invite: ['email', 'name', 'role', 'author'],
  list: ['status'],
};

export const userCommand: Command = {
  options: {
    email: { type: 'string' },
    name: { type: 'string' },
    role: { type: 'string' },
    author: { type: 'string' },
    status: { type: 'string' },
  },
  prepare(args) {
    const [action = '', ...rest] = args.positionals;
    if (!Object.hasOwn(actions, action)) throw new UsageError(usageText);
    const wrongFlag = Object.keys(args.values).find((flag) => !(flagsOf[action] ?? []).includes(flag));
    if (wrongFlag) throw new UsageError(`"user ${action}" takes no --${wrongFlag}; ${usageText}`);
    return actions[action as keyof typeof actions](args, rest);
  },
};

const actions = {
  invite: prepareInvite,
  list: prepareList,
  suspend: (_args: ParsedArgs, rest: string[]) => {
    const { email } = parsePositionals('suspend', rest, z.object({ email: EmailSchema }));
    return withPerson('suspend', email, suspend);
  },
  reactivate: (_args: ParsedArgs, rest: string[]) => {
    const { email } = parsePositionals('reactivate', rest, z.object({ email: EmailSchema }));
    return withPerson('reactivate', email, reactivate);
  },
  reset: (_args: ParsedArgs, rest: string[]) => {
    const { email } = parsePositionals('reset', rest, z.object({ email: EmailSchema }));
    return withPerson('reset', email, resetLink);
  },
  role: (_args: ParsedArgs, rest: string[]) => {
    const { email, role } = parsePositionals(
      'role',
      rest,
      z.object({ email: EmailSchema, role: RoleSchema }),
    );
    return withPerson('role', email, (context) => changeRole(context, role));
  },
} satisfies Record<string, (args: ParsedArgs, rest: string[]) => CommandAction>;

/**
 * The positional arguments after the action, by name (`email`, `role`), so an error says which
 * one is wrong; too few or too many is a usage error.
 */
function parsePositionals<T extends z.ZodObject>(action: string, rest: string[], schema: T): z.output<T> {
  const names = Object.keys(schema.shape);
  if (rest.length !== names.length) {
    throw new UsageError(`use "user ${action} ${names.map((name) => name.toUpperCase()).join(' ')}"`);
  }
  return schema.parse(Object.fromEntries(names.map((name, i) => [name, rest[i]])));
}

function prepareInvite({ values }: ParsedArgs, rest: string[]): CommandAction {
  if (rest.length > 0)
    throw new UsageError(`"user invite" takes flags only, not "${printable(rest[0] ?? '')}"`);
  const missing = ['email', 'name', 'role'].filter((flag) => values[flag] === undefined);
  if (missing.length > 0) {
    throw new UsageError(
      `"user invite" needs ${missing.map((flag) => `--${flag}`).join(', ')}: ` +
        'use "user invite --email EMAIL --name NAME --role ROLE [--author SLUG]"',
    );
  }
  const parsed = InvitePersonInputSchema.safeParse({
    email: values.email,
    name: values.name,
    role: values.role,
    authorSlug: values.author ?? null,
  });
  if (!parsed.success) {
    // The domain calls the byline authorSlug; the operator typed --author.
    throw new z.ZodError(
      parsed.error.issues.map((issue) =>
        issue.path[0] === 'authorSlug' ? { ...issue, path: ['author', ...issue.path.slice(1)] } : issue,
      ),
    );
  }
  const input = parsed.data;
  return async ({ store, io, deskUrl = defaultDeskUrl }) => {
    if (input.authorSlug && !(await store.authors.bySlug(input.authorSlug))) {
      io.err(`user invite: no author has the slug "${input.authorSlug}"`);
      return 1;
    }
    let person: Person;
    try {
      person = await store.people.invite(input);
    } catch (error) {
      // EmailTakenError above all: someone already has this address.
      if (error instanceof StoreError) {
        io.err(`user invite: ${error.message}`);
        return 1;
      }
      throw error;
    }
    const link = await store.links.create(person.id, 'invitation', {
      ttlMs: invitationLifetimeHours * hourMs,
    });
    await record(store, person, 'user.invite', { email: person.email, role: person.role });
    io.out(
      `Invited ${who(person)} as ${person.role}${person.authorSlug ? `, writing as ${person.authorSlug}` : ''}.`,
    );
    io.out(
      `Send them this link to set their password; it works once, until ${when(link.expiresAt)} ` +
        `(${invitationLifetimeHours} hours):`,
    );
    io.out(linkTo(deskUrl, 'invitation', link.secret));
    return 0;
  };
}

function prepareList({ values }: ParsedArgs, rest: string[]): CommandAction {
  if (rest.length > 0)
    throw new UsageError(`"user list" takes no email; "--status STATUS" chooses whom it shows`);
  const { status } = z.object({ status: PersonStatusSchema.optional() }).parse(values);
  return async ({ store, io }) => {
    const people: Person[] = [];
    let cursor: string | undefined;
    do {
      const page = await store.people.list({ status, cursor, limit: limits.pageMax });
      people.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    if (people.length === 0) {
      io.out(status ? `Nobody is ${status}.` : 'Nobody has been invited yet: "user invite" adds a person.');
      return 0;
    }
    const rows = people.map((person) => [
      person.email,
      printable(person.name),
      person.role,
      person.status,
      person.lastSignInAt ? when(person.lastSignInAt) : 'never',
    ]);
    for (const line of tableLines(['EMAIL', 'NAME', 'ROLE', 'STATUS', 'LAST SIGN-IN'], rows)) io.out(line);
    io.out(people.length === 1 ? '1 person' : `${people.length} people`);
    return 0;
  };
}

type PersonAction = (context: {
  store: Store;
  io: CliIo;
  deskUrl: string;
  person: Person;
}) => Promise<number>;

/** Finds the person by email first: an unknown address is one line and exit 1, with nothing changed. */
function withPerson(action: string, email: string, then: PersonAction): CommandAction {
  return async ({ store, io, deskUrl = defaultDeskUrl }) => {
    const person = await store.people.byEmail(email);
    if (!person) {
      io.err(`user ${action}: nobody has the email address ${email}; "user list" shows everyone`);
      return 1;
    }
    return then({ store, io, deskUrl, person });
  };
}

const suspend: PersonAction = async ({ store, io, person }) => {
  if (person.status === 'suspended') {
    io.out(`${who(person)} is already suspended; nothing changed.`);
    return 0;
  }
  // The sessions are counted as they end; the Store's suspension then ends, in the same
  // transaction, any session a sign-in started in between.
  const ended = await store.sessions.endAll(person.id);
  await store.people.update(person.id, { status: 'suspended' });
  await record(store, person, 'user.suspend', { previousStatus: person.status, sessionsEnded: ended });
  io.out(
    `Suspended ${who(person)}: ${ended === 1 ? '1 session' : `${ended} sessions`} ended; ` +
      'they cannot sign in until "user reactivate".',
  );
  return 0;
};

const reactivate: PersonAction = async ({ store, io, person }) => {
  if (person.status !== 'suspended') {
    io.out(`${who(person)} is not suspended (${person.status}); nothing changed.`);
    return 0;
  }
  // Someone suspended before accepting their invitation has no password to sign in with yet.
  const status = (await store.people.passwordHash(person.id)) === null ? 'invited' : 'active';
  await store.people.update(person.id, { status });
  await record(store, person, 'user.reactivate', { status });
  io.out(
    status === 'active'
      ? `Reactivated ${who(person)}: they can sign in again.`
      : `Reactivated ${who(person)}: invited again; "user reset ${person.email}" gives them a new invitation link.`,
  );
  return 0;
};

const resetLink: PersonAction = async ({ store, io, deskUrl, person }) => {
  if (person.status === 'suspended') {
    io.err(`user reset: ${who(person)} is suspended; "user reactivate" them first`);
    return 1;
  }
  // A person who never accepted their invitation has no password to reset: what they need is
  // the invitation again, which replaces the one they have (expired, perhaps, or lost).
  const kind = person.status === 'invited' ? 'invitation' : 'reset';
  const hours = kind === 'invitation' ? invitationLifetimeHours : resetLifetimeHours;
  const link = await store.links.create(person.id, kind, { ttlMs: hours * hourMs });
  await record(store, person, 'user.reset-link', { link: kind });
  io.out(
    kind === 'reset'
      ? `Send ${who(person)} this link to choose a new password; it works once, until ${when(link.expiresAt)} (${hours} hours):`
      : `${who(person)} has not accepted their invitation yet: this new invitation link replaces the earlier one ` +
          `and works once, until ${when(link.expiresAt)} (${hours} hours):`,
  );
  io.out(linkTo(deskUrl, kind, link.secret));
  return 0;
};

async function changeRole(
  { store, io, person }: Parameters<PersonAction>[0],
  role: Person['role'],
): Promise<number> {
  if (person.role === role) {
    io.out(`${who(person)} is already ${role}; nothing changed.`);
    return 0;
  }
  await store.people.update(person.id, { role });
  await record(store, person, 'user.update', { role, previousRole: person.role });
  io.out(`${who(person)} is now ${role} (was ${person.role}); it applies to their next request.`);
  return 0;
}

function record(store: Store, person: Person, action: string, detail: AuditEntryInput['detail']) {
  return store.audit.record({
    actor: cliActor,
    action,
    objectType: 'person',
    objectId: person.id,
    address: null,
    detail,
  });
}

function who(person: Person): string {
  return `${printable(person.name)} <${person.email}>`;
}

/** A time as an operator reads it: to the minute, in UTC, said so. */
function when(timestamp: string): string {
  const utc = new Date(timestamp).toISOString();
  return `${utc.slice(0, 10)} ${utc.slice(11, 16)} UTC`;
}

function linkTo(deskUrl: string, kind: 'invitation' | 'reset', secret: string): string {
  return `${deskUrl}/${kind}?key=${encodeURIComponent(secret)}`;
}
