import type { DeskClient } from '../lib/api';
import { type CallFailure, failureOf } from '../lib/api-errors';
import { fieldOf } from '../lib/form';
import { qrCodeSvg } from '../lib/qr-code';

/** What a POST to /account did: where to go next, or what to show on the page. */
export type AccountOutcome =
  | { kind: 'redirect'; to: string }
  | { kind: 'enrol'; secret: string; qrSvg: string; codeError?: string }
  | { kind: 'recovery-codes'; codes: string[] }
  | { kind: 'failed'; form: string; failure: CallFailure };

/** The account page's forms, each named by its `action` field. */
export async function accountAction(api: DeskClient, form: FormData, email: string): Promise<AccountOutcome> {
  const action = fieldOf(form, 'action', 40);
  const done = (what: string, anchor: string): AccountOutcome => ({
    kind: 'redirect',
    to: `/account?done=${what}#${anchor}`,
  });
  try {
    switch (action) {
      case 'name':
        await api.account.update.mutate({ name: fieldOf(form, 'name', 500) });
        return done('name', 'name');
      case 'password':
        await api.account.changePassword.mutate({
          currentPassword: fieldOf(form, 'currentPassword', 2_000),
          newPassword: fieldOf(form, 'newPassword', 2_000),
        });
        return done('password', 'password');
      case 'begin-totp': {
        const { secret, otpauthUri } = await api.account.beginTotp.mutate();
        return { kind: 'enrol', secret, qrSvg: await qrCodeSvg(otpauthUri) };
      }
      case 'enable-totp': {
        const secret = fieldOf(form, 'secret', 100);
        try {
          const { recoveryCodes } = await api.account.enableTotp.mutate({ code: fieldOf(form, 'code', 40) });
          return { kind: 'recovery-codes', codes: recoveryCodes };
        } catch (error) {
          // The same key again (the API keeps it pending), so the person can retype a code.
          const failure = failureOf(error);
          if (failure.status >= 500 || !/^[A-Z2-7]+=*$/.test(secret)) throw error;
          const label = encodeURIComponent(`Newsroom:${email}`);
          const uri = `otpauth://totp/${label}?secret=${secret}&issuer=Newsroom&algorithm=SHA1&digits=6&period=30`;
          return {
            kind: 'enrol',
            secret,
            qrSvg: await qrCodeSvg(uri),
            codeError: failure.fields.code ?? failure.message,
          };
        }
      }
      case 'disable-totp':
        await api.account.disableTotp.mutate({ password: fieldOf(form, 'password', 2_000) });
        return done('totp-off', 'two-factor');
      case 'recovery-codes': {
        const { recoveryCodes } = await api.account.regenerateRecoveryCodes.mutate({
          code: fieldOf(form, 'code', 40),
        });
        return { kind: 'recovery-codes', codes: recoveryCodes };
      }
      case 'end-session':
        await api.account.endSession.mutate({ id: fieldOf(form, 'id', 100) });
        return done('session-ended', 'sessions');
      case 'end-other-sessions':
        await api.account.endOtherSessions.mutate();
        return done('sessions-ended', 'sessions');
      case 'rename-passkey':
        await api.account.renamePasskey.mutate({
          id: fieldOf(form, 'id', 100),
          name: fieldOf(form, 'name', 500),
        });
        return done('passkey-renamed', 'passkeys');
      case 'remove-passkey':
        await api.account.removePasskey.mutate({ id: fieldOf(form, 'id', 100) });
        return done('passkey-removed', 'passkeys');
      default:
        return {
          kind: 'failed',
          form: '',
          failure: { status: 400, message: 'The desk does not know that form.', fields: {}, code: null },
        };
    }
  } catch (error) {
    return { kind: 'failed', form: action, failure: failureOf(error) };
  }
}

/** The words for `?done=` after a change, so the person sees it happened. */
export const doneMessages: Record<string, string> = {
  name: 'Your name is saved.',
  password: 'Your password is changed. Your other sessions have ended.',
  'totp-off': 'Two-factor sign-in is off.',
  'session-ended': 'That session has ended.',
  'sessions-ended': 'Your other sessions have ended.',
  'passkey-added': 'Your passkey is added.',
  'passkey-renamed': 'Your passkey is renamed.',
  'passkey-removed': 'Your passkey is removed.',
};
