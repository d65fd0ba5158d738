// What the desk refuses before Astro reads a byte of the body: its forms are small (the largest,
// a passkey's answer, is a few KB), so a post must say its length and stay under 64 KiB. Only
// the story editor's save takes more (a story's body may be 500 KB of JSON on its own), and a
// picture's upload, which the desk streams on to the API as it arrives.

export const maxBodyBytes = 65_536;
export const maxStoryBytes = 1_048_576;
/** Room for the multipart boundaries and the form's other fields around an uploaded file. */
export const uploadEnvelopeBytes = 16_384;

const withoutBody = new Set(['GET', 'HEAD', 'OPTIONS']);
const storySave = /^\/stories\/[^/?#]+\/save(?:\?|$)/;
const pictureUpload = /^\/library\/upload(?:\?|$)/;

/**
 * The status and words for a request the desk will not read, or null to let it through.
 * `maxUploadBytes` is the largest picture the API takes (MEDIA_MAX_BYTES).
 */
export function refusalOf(method = 'GET', headers = {}, url = '/', maxUploadBytes = 0) {
  if (withoutBody.has(method)) return null;
  const declared = headers['content-length'];
  if (declared === undefined)
    return { status: 411, text: 'A form sent to the desk must say how long it is.' };
  if (pictureUpload.test(url)) {
    if (!/^\d+$/.test(declared) || Number(declared) > maxUploadBytes + uploadEnvelopeBytes) {
      return {
        status: 413,
        text: `That picture is larger than the ${megabytes(maxUploadBytes)} MB the newsroom takes.`,
      };
    }
    return null;
  }
  const max = storySave.test(url) ? maxStoryBytes : maxBodyBytes;
  if (!/^\d+$/.test(declared) || Number(declared) > max) {
    return { status: 413, text: 'That is more than the desk accepts in one form.' };
  }
  return null;
}

function megabytes(bytes) {
  return (bytes / 1_048_576).toLocaleString('en', { maximumFractionDigits: 1 });
}
