import { browserSupportsWebAuthn, startRegistration } from '@simplewebauthn/browser';
import { postJson, showError } from './passkey-request';

/** "Add a passkey" on Your account: shown only where the browser can make one. */
export function startPasskeyAdd(): void {
  const section = document.getElementById('passkey-add');
  const button = document.getElementById('passkey-add-button');
  const nameInput = document.getElementById('passkey-name');
  if (!section || !(button instanceof HTMLButtonElement) || !(nameInput instanceof HTMLInputElement)) return;
  if (!browserSupportsWebAuthn()) return;
  section.hidden = false;
  const csrf = button.dataset.csrf ?? '';
  const error = document.getElementById('passkey-add-error');
  button.addEventListener('click', async () => {
    const name = nameInput.value.trim();
    if (!name) {
      showError(error, 'Give the passkey a name, such as the device it is on.');
      nameInput.setAttribute('aria-invalid', 'true');
      nameInput.focus();
      return;
    }
    button.disabled = true;
    try {
      const { ticket, options } = await postJson<{ ticket: string; options: never }>(
        '/passkeys/register-options',
        csrf,
      );
      const response = await startRegistration({ optionsJSON: options });
      await postJson('/passkeys/add', csrf, { ticket, name, response });
      window.location.assign('/account?done=passkey-added#passkeys');
    } catch (caught) {
      const aborted = caught instanceof Error && caught.name === 'NotAllowedError';
      showError(error, aborted ? 'No passkey was made: try again.' : String((caught as Error).message));
      button.disabled = false;
    }
  });
}
