import type { SourceCredit } from '@newsroom/domain';

/** News agencies credited as 'wire'; anything else named in a credit line is a 'publication'. */
const wireAgencies: readonly RegExp[] = [
  /^(?:the )?(?:ap|associated press)$/i,
  /^(?:thomson )?reuters$/i,
  /^(?:afp|agence france[- ]presse)$/i,
  /^(?:dpa|deutsche presse[- ]agentur)$/i,
  /^(?:agencia )?efe$/i,
  /^ansa$/i,
  /^kyodo(?: news)?$/i,
  /^xinhua(?: news agency)?$/i,
  /^(?:pa|pa media|press association)$/i,
  /^bloomberg(?: news)?$/i,
];

export function isWireAgency(name: string): boolean {
  return wireAgencies.some((pattern) => pattern.test(name.trim()));
}

export function sourceCreditOf(name: string, url: string | null = null): SourceCredit {
  return { name, type: isWireAgency(name) ? 'wire' : 'publication', url };
}

/**
 * The names in the tail of a credit line: "AP", "•AP", "AP and Reuters", "AP, Reuters & AFP".
 * Null when the tail does not read as a list of names (a name starts with a capital letter or
 * is a known agency, such as dpa), so prose like "Reporting by the council showed…" stays prose.
 */
export function creditNamesOf(tail: string): string[] | null {
  const names = tail
    .split(/\s*(?:[,;&/+•·|]|\band\b)\s*/u)
    .map((name) => name.replace(/^[\s•·\-–—:]+|[\s.]+$/gu, ''))
    .filter((name) => name.length > 0);
  if (names.length === 0) return null;
  const readsAsNames = names.every(
    (name) => name.length <= 100 && (/^[\p{Lu}\p{Lt}\p{N}]/u.test(name) || isWireAgency(name)),
  );
  return readsAsNames ? names : null;
}
