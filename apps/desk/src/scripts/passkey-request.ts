/** Posts JSON to one of the desk's passkey endpoints with the page's CSRF token; throws its message on failure. */
export async function postJson<T>(path: string, csrf: string, body: unknown = {}): Promise<T> {
  const response = await fetch(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-csrf-token': csrf },
    body: JSON.stringify(body),
    credentials: 'same-origin',
  });
  const answer = (await response.json().catch(() => null)) as { message?: string } | null;
  if (!response.ok) throw new Error(answer?.message ?? 'The desk did not answer: try again.');
  return answer as T;
}

export function showError(element: HTMLElement | null, message: string): void {
  if (!element) return;
  element.textContent = message;
  element.hidden = false;
}
