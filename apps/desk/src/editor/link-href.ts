import { isSafeHref, limits } from '@newsroom/domain';

/**
 * The address a link may carry in the model, or null when it cannot be a link (javascript:,
 * data:, an empty or overlong address): such text stays plain. Inline source reads a link's
 * address up to the first `)` that closes no `(` and refuses any whitespace in it, so spaces
 * and unbalanced parentheses are percent-encoded: the same address, written so that it reads
 * back whole.
 */
export function linkHrefOf(raw: string): string | null {
  const trimmed = raw.trim();
  if (!trimmed) return null;
  const href = balancedParentheses(trimmed.replace(/\s/gu, (space) => encodeURIComponent(space)));
  // The reader looks no further than limits.url characters for the closing parenthesis.
  if (href.length >= limits.url || !isSafeHref(href)) return null;
  return href;
}

function balancedParentheses(href: string): string {
  const unmatched = new Set<number>();
  const open: number[] = [];
  for (let i = 0; i < href.length; i++) {
    if (href[i] === '(') open.push(i);
    else if (href[i] === ')') {
      if (open.length > 0) open.pop();
      else unmatched.add(i);
    }
  }
  for (const i of open) unmatched.add(i);
  if (unmatched.size === 0) return href;
  let out = '';
  for (let i = 0; i < href.length; i++) {
    const ch = href[i] as string;
    out += unmatched.has(i) ? (ch === '(' ? '%28' : '%29') : ch;
  }
  return out;
}
