import { RoleSchema } from '@newsroom/domain';
import type { DeskClient } from '../lib/api';
import { type CallFailure, failureOf } from '../lib/api-errors';
import { fieldOf } from '../lib/form';

/** What a POST to /people did: where to go next, a one-time link to hand over, or what failed. */
export type PeopleOutcome =
  | { kind: 'redirect'; to: string }
  | { kind: 'link'; what: 'invitation' | 'reset'; name: string; link: string; expiresAt: string }
  | { kind: 'failed'; form: string; failure: CallFailure };

const refused = (message: string, form = ''): PeopleOutcome => ({
  kind: 'failed',
  form,
  failure: { status: 400, message, fields: {}, code: null },
});

/** The role a select sent, or undefined when it is not one. */
function roleNamed(value: string) {
  const parsed = RoleSchema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}

/** The people page's forms, each named by its `action` field; admins only (the API checks). */
export async function peopleAction(api: DeskClient, form: FormData): Promise<PeopleOutcome> {
  const action = fieldOf(form, 'action', 40);
  const id = fieldOf(form, 'id', 100);
  const done = (what: string): PeopleOutcome => ({ kind: 'redirect', to: `/people?done=${what}` });
  try {
    switch (action) {
      case 'invite': {
        const role = roleNamed(fieldOf(form, 'role', 40));
        if (!role) return refused('Choose a role.', 'invite');
        const { person, link, expiresAt } = await api.user.invite.mutate({
          email: fieldOf(form, 'email', 500),
          name: fieldOf(form, 'name', 500),
          role,
        });
        return { kind: 'link', what: 'invitation', name: person.name, link, expiresAt };
      }
      case 'role': {
        const role = roleNamed(fieldOf(form, 'role', 40));
        if (!role) return refused('Choose a role.');
        await api.user.update.mutate({ id, role });
        return done('role');
      }
      case 'suspend':
        await api.user.suspend.mutate({ id });
        return done('suspended');
      case 'reactivate':
        await api.user.reactivate.mutate({ id });
        return done('reactivated');
      case 'reset': {
        const person = await api.user.get.query({ id });
        const { link, expiresAt } = await api.user.resetLink.mutate({ id });
        const what = person.status === 'invited' ? 'invitation' : 'reset';
        return { kind: 'link', what, name: person.name, link, expiresAt };
      }
      case 'end-sessions':
        await api.user.endSessions.mutate({ id });
        return done('sessions-ended');
      case 'second-factor': {
        // The select's first option, "Nobody", sends ''.
        const from = fieldOf(form, 'requireSecondFactorFrom', 40);
        const role = from === '' ? null : roleNamed(from);
        if (role === undefined) return refused('Choose who must use a second factor.');
        await api.settings.update.mutate({ requireSecondFactorFrom: role });
        return done('settings');
      }
      default:
        return refused('The desk does not know that form.');
    }
  } catch (error) {
    return { kind: 'failed', form: action, failure: failureOf(error) };
  }
}

/** The words for `?done=` after a change, so the admin sees it happened. */
export const peopleDoneMessages: Record<string, string> = {
  role: 'The role is changed.',
  suspended: 'They are suspended, and their sessions have ended.',
  reactivated: 'They can sign in again.',
  'sessions-ended': 'Their sessions have ended.',
  settings: 'The two-factor rule is saved.',
};
