import {
  InvitePersonInputSchema,
  limits,
  type Person,
  PersonNameSchema,
  PersonStatusSchema,
  RoleSchema,
  SlugSchema,
} from '@newsroom/domain';
import { TRPCError, type TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { recordAudit } from '../audit-trail.js';
import type { Context } from '../context.js';
import { roleProcedure } from '../trpc.js';
import { writtenBy } from './access.js';

const hourMs = 3_600_000;
/** How long an invitation link works: long enough to reach someone over a weekend. */
export const invitationTtlMs = 72 * hourMs;
/** How long a reset link works: short, since it signs its holder in. */
export const resetTtlMs = 2 * hourMs;

const IdSchema = z.object({ id: z.uuid() }).strict();

async function personById(ctx: Context, id: string): Promise<Person> {
  const person = await ctx.store.people.byId(id);
  if (!person) throw new TRPCError({ code: 'NOT_FOUND', message: `No person has the id ${id}` });
  return person;
}

/** An admin who locked themselves out, or took away their own rights, could not undo it. */
function assertNotSelf(ctx: Context, id: string, what: string): void {
  if (ctx.principal?.personId === id) {
    throw new TRPCError({ code: 'FORBIDDEN', message: `You cannot ${what} yourself: ask another admin` });
  }
}

/** The desk's page for a one-time link, with its key: the only place the key is ever shown. */
function linkTo(ctx: Context, page: 'invitation' | 'reset', key: string): string {
  return `${ctx.desk.url.replace(/\/+$/, '')}/${page}?key=${encodeURIComponent(key)}`;
}

export const userRouter = {
  /** People by email, keyset pages; `status` filters. */
  list: roleProcedure('admin')
    .input(
      z
        .object({
          status: PersonStatusSchema.optional(),
          cursor: z.string().max(limits.cursor, 'cursor is too long').optional(),
          limit: z.number().int().min(1).max(limits.pageMax).default(limits.pageDefault),
        })
        .strict(),
    )
    .query(({ ctx, input }) => ctx.store.people.list(input)),

  get: roleProcedure('admin')
    .input(IdSchema)
    .query(({ ctx, input }) => personById(ctx, input.id)),

  /** A new person, invited: the link (shown once) lets them set a password within 72 hours. */
  invite: roleProcedure('admin')
    .input(InvitePersonInputSchema)
    .mutation(async ({ ctx, input }) => {
      const person = await ctx.store.people.invite(input, writtenBy(ctx));
      const { secret, expiresAt } = await ctx.store.links.create(person.id, 'invitation', {
        ttlMs: invitationTtlMs,
      });
      await recordAudit(ctx, {
        action: 'user.invite',
        objectType: 'person',
        objectId: person.id,
        detail: { role: person.role },
      });
      return { person, link: linkTo(ctx, 'invitation', secret), expiresAt };
    }),

  /** Name, role or byline; an admin cannot take the admin role from themselves. */
  update: roleProcedure('admin')
    .input(
      z
        .object({
          id: z.uuid(),
          name: PersonNameSchema.optional(),
          role: RoleSchema.optional(),
          authorSlug: SlugSchema.nullable().optional(),
        })
        .strict(),
    )
    .mutation(async ({ ctx, input }) => {
      const { id, ...patch } = input;
      if (patch.role !== undefined && patch.role !== 'admin') assertNotSelf(ctx, id, 'demote');
      await personById(ctx, id);
      const person = await ctx.store.people.update(id, patch, writtenBy(ctx));
      await recordAudit(ctx, {
        action: 'user.update',
        objectType: 'person',
        objectId: id,
        detail: Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined)),
      });
      return person;
    }),

  /** Suspended: every session ends now, and sign-in is refused until reactivated. */
  suspend: roleProcedure('admin')
    .input(IdSchema)
    .mutation(async ({ ctx, input }) => {
      assertNotSelf(ctx, input.id, 'suspend');
      await personById(ctx, input.id);
      // Counted as they end; the Store's suspension ends any session started in between.
      const sessionsEnded = await ctx.store.sessions.endAll(input.id);
      const person = await ctx.store.people.update(input.id, { status: 'suspended' }, writtenBy(ctx));
      await recordAudit(ctx, {
        action: 'user.suspend',
        objectType: 'person',
        objectId: input.id,
        detail: { sessionsEnded },
      });
      return person;
    }),

  /** Back to active, or to invited when they never set a password. */
  reactivate: roleProcedure('admin')
    .input(IdSchema)
    .mutation(async ({ ctx, input }) => {
      const current = await personById(ctx, input.id);
      if (current.status !== 'suspended') return current;
      const hasPassword = (await ctx.store.people.passwordHash(input.id)) !== null;
      const person = await ctx.store.people.update(
        input.id,
        { status: hasPassword ? 'active' : 'invited' },
        writtenBy(ctx),
      );
      await recordAudit(ctx, { action: 'user.reactivate', objectType: 'person', objectId: input.id });
      return person;
    }),

  /**
   * A new link for the person to set a password: a reset link (2 hours) for someone who has
   * one, a fresh invitation (72 hours) for someone who never accepted theirs.
   */
  resetLink: roleProcedure('admin')
    .input(IdSchema)
    .mutation(async ({ ctx, input }) => {
      const person = await personById(ctx, input.id);
      if (person.status === 'suspended') {
        throw new TRPCError({
          code: 'BAD_REQUEST',
          message: 'This person is suspended: reactivate them before sending a link',
        });
      }
      const kind = person.status === 'invited' ? 'invitation' : 'reset';
      const { secret, expiresAt } = await ctx.store.links.create(input.id, kind, {
        ttlMs: kind === 'invitation' ? invitationTtlMs : resetTtlMs,
      });
      await recordAudit(ctx, {
        action: 'user.reset-link',
        objectType: 'person',
        objectId: input.id,
        detail: { kind },
      });
      return { link: linkTo(ctx, kind, secret), expiresAt };
    }),

  /** Signs the person out everywhere (a lost laptop), without suspending them. */
  endSessions: roleProcedure('admin')
    .input(IdSchema)
    .mutation(async ({ ctx, input }) => {
      await personById(ctx, input.id);
      const ended = await ctx.store.sessions.endAll(input.id);
      await recordAudit(ctx, {
        action: 'user.end-sessions',
        objectType: 'person',
        objectId: input.id,
        detail: { ended },
      });
      return { ended };
    }),
} satisfies TRPCRouterRecord;
