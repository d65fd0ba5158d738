import { createHash } from 'node:crypto';

/** SHA-256 (hex) of the normalized text: NFC, \r\n → \n, every line trimmed. */
export function contentHashOf(text: string): string {
  const normalized = text
    .normalize('NFC')
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => line.trim())
    .join('\n')
    .trim();
  return createHash('sha256').update(normalized, 'utf8').digest('hex');
}
