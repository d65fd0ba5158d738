import { browserSupportsWebAuthn, startAuthentication } from '@simplewebauthn/browser';
import { postJson, showError } from './passkey-request';

/** "Sign in with a passkey": shown only where the browser can use one. */
export function startPasskeySignIn(): void {
  const section = document.getElementById('passkey-sign-in');
  const button = document.getElementById('passkey-button');
  if (!section || !(button instanceof HTMLButtonElement) || !browserSupportsWebAuthn()) return;
  section.hidden = false;
  const csrf = button.dataset.csrf ?? '';
  const error = document.getElementById('passkey-error');
  button.addEventListener('click', async () => {
    button.disabled = true;
    try {
      const { ticket, options } = await postJson<{ ticket: string; options: never }>(
        '/passkeys/sign-in-options',
        csrf,
      );
      const response = await startAuthentication({ optionsJSON: options });
      const { location } = await postJson<{ location: string }>('/passkeys/sign-in', csrf, {
        ticket,
        response,
      });
      window.location.assign(location);
    } catch (caught) {
      const aborted = caught instanceof Error && caught.name === 'NotAllowedError';
      showError(
        error,
        aborted
          ? 'No passkey was used: try again, or sign in with your password.'
          : String((caught as Error).message),
      );
      button.disabled = false;
    }
  });
}
