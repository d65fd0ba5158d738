// What the desk refuses before Astro reads a byte of the body: its forms are small (the largest,
// a passkey's answer, is a few KB), so a post must say its length and stay under 64 KiB.

export const maxBodyBytes = 65_536;

const withoutBody = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The status and words for a request the desk will not read, or null to let it through. */
export function refusalOf(method = 'GET', headers = {}) {
  if (withoutBody.has(method)) return null;
  const declared = headers['content-length'];
  if (declared === undefined)
    return { status: 411, text: 'A form sent to the desk must say how long it is.' };
  if (!/^\d+$/.test(declared) || Number(declared) > maxBodyBytes) {
    return { status: 413, text: 'That is more than the desk accepts in one form.' };
  }
  return null;
}
