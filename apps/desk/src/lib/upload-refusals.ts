/**
 * Why an upload was refused, from the API's status, for the library's plain form (its script
 * shows the API's own message). Only these fixed words are ever shown from the address, so a
 * link cannot make the desk say something else.
 */
const words: Record<number, string> = {
  401: 'Your session has ended: sign in again.',
  403: 'Uploading pictures needs the author role or above.',
  411: 'The browser did not say how large the file is.',
  413: 'That picture is too large: too many bytes, or too many pixels.',
  415: 'That file is not a JPEG, PNG, WebP, AVIF or GIF picture (SVG is not taken: it can carry script).',
  422: 'That picture is damaged or incomplete.',
  429: 'Too many uploads at once: try again in a moment.',
};

export function refusalWords(status: number): string {
  return words[status] ?? 'The picture could not be uploaded. Please try again in a moment.';
}
