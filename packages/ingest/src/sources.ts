import type { SourceCredit } from '@newsroom/domain';

/**
 * News agencies, credited as 'wire', each with the name a credit in capitals ("EUROPA PRESS",
 * "(REUTERS)") is given as. Anything else named in a source line is a 'publication', or a
 * 'person' where a line names reporters.
 */
const wireAgencies: readonly { pattern: RegExp; name: string }[] = [
  { pattern: /^(?:the )?(?:ap|associated press)$/i, name: 'AP' },
  { pattern: /^(?:thomson )?reuters$/i, name: 'Reuters' },
  { pattern: /^(?:afp|agence france[- ]presse)$/i, name: 'AFP' },
  { pattern: /^(?:dpa|deutsche presse[- ]agentur)$/i, name: 'dpa' },
  { pattern: /^(?:agencia )?efe$/i, name: 'EFE' },
  { pattern: /^ansa$/i, name: 'ANSA' },
  { pattern: /^kyodo(?: news)?$/i, name: 'Kyodo' },
  { pattern: /^xinhua(?: news agency)?$/i, name: 'Xinhua' },
  { pattern: /^(?:pa|pa media|press association)$/i, name: 'PA' },
  { pattern: /^bloomberg(?: news)?$/i, name: 'Bloomberg' },
  { pattern: /^europa press$/i, name: 'Europa Press' },
  { pattern: /^kna$/i, name: 'KNA' },
  { pattern: /^epd$/i, name: 'epd' },
  { pattern: /^apa$/i, name: 'APA' },
  { pattern: /^belga$/i, name: 'Belga' },
  { pattern: /^keystone-sda$/i, name: 'Keystone-SDA' },
  { pattern: /^keystone-ats$/i, name: 'Keystone-ATS' },
  { pattern: /^ats$/i, name: 'ATS' },
  { pattern: /^sda$/i, name: 'SDA' },
  { pattern: /^upi$/i, name: 'UPI' },
  { pattern: /^tass$/i, name: 'TASS' },
  { pattern: /^anadolu(?: agency)?$/i, name: 'Anadolu' },
  { pattern: /^yonhap$/i, name: 'Yonhap' },
  // Known by their letters, kept as written. (Not "ANA" or "TT": "Ana" is a reporter's name too.)
  { pattern: /^(?:pti|aap|anp|čtk|ctk|pap|mti|ntb|ritzau|lusa)$/i, name: '' },
];

/** The agency a name is ("dpa/lno" is dpa, a regional desk of it), or null. */
function agencyOf(name: string): { name: string } | null {
  const bare = name.trim().replace(/\/[a-z]{2,4}$/i, '');
  const found = wireAgencies.find((agency) => agency.pattern.test(bare));
  if (!found) return null;
  // Written in capitals, an agency gets its usual name; otherwise it stays as written.
  const shouted = bare === bare.toUpperCase() && /\p{Lu}{2}/u.test(bare);
  return { name: shouted && found.name ? found.name : bare };
}

export function isWireAgency(name: string): boolean {
  return agencyOf(name) !== null;
}

/**
 * A source credit for a name: a wire agency by its usual name, else a publication (or, for lines
 * that name reporters, a person).
 */
export function sourceCreditOf(
  name: string,
  url: string | null = null,
  other: 'publication' | 'person' = 'publication',
): SourceCredit {
  const agency = agencyOf(name);
  if (agency) return { name: agency.name, type: 'wire', url };
  // An outlet's words or an acronym ("RNZ") name an organisation, never a person.
  const outlet = namesAnOutlet(name) || /^\p{Lu}{2,}$/u.test(name.trim());
  return { name: name.trim(), type: other === 'person' && outlet ? 'publication' : other, url };
}

/** Words that make a name an outlet's rather than a person's ("Lakeshore Public Radio"). */
function namesAnOutlet(name: string): boolean {
  return /(?<!\p{L})(?:radio|tv|television|televisión|télévision|news|nachrichten|press|presse|times|post|journal|herald|tribune|gazette|daily|media|network|agency|agencia|agence|magazine|zeitung|diario|periódico|rundfunk)(?!\p{L})/iu.test(
    name,
  );
}

/**
 * The names in the tail of a credit line: "AP", "•AP", "AP and Reuters", "AP, Reuters & AFP",
 * "EFE y Reuters", "dpa und Reuters". Null when the tail does not read as a list of names (a
 * name starts with a capital letter or is a known agency, such as dpa), so prose like
 * "Reporting by the council showed…" stays prose.
 */
export function creditNamesOf(tail: string): string[] | null {
  const names = tail
    .split(/,?\s+(?:and|y|e|et|und)\s+|\s*[,;&+•·|]\s*/u)
    .map((name) => name.replace(/^[\s•·\-–—:]+|[\s.]+$/gu, ''))
    .filter((name) => name.length > 0);
  if (names.length === 0) return null;
  const readsAsNames = names.every(
    (name) =>
      name.length <= 100 &&
      name.split(/\s+/).length <= 6 &&
      (/^[\p{Lu}\p{Lt}\p{N}]/u.test(name) || isWireAgency(name)),
  );
  return readsAsNames ? names : null;
}

/**
 * People named in a list, without where they were ("Jane Doe in Paris", "Ana Ruiz en Sevilla",
 * "Paul Meier à Berne"): null when a name does not read as a person's (capitalised words).
 */
export function peopleOf(tail: string): string[] | null {
  const withoutPlaces = tail.replace(
    /,?\s+(?:in|en|à|aus)\s+[^,;]+?(?:,\s*\p{Lu}[\p{L} .]+?)?(?=\s*(?:,|;|\s(?:and|y|et|und)\s|$))/gu,
    '',
  );
  const names = creditNamesOf(withoutPlaces);
  return names?.every(readsAsPersonName) ? names : null;
}

/** Capitalised words (particles such as "de", "van", "von" allowed), one to five of them. */
export function readsAsPersonName(name: string): boolean {
  const words = name.trim().split(/\s+/);
  return (
    words.length >= 1 &&
    words.length <= 5 &&
    words.every(
      (word) =>
        /^[\p{Lu}][\p{L}'’.-]*$/u.test(word) ||
        /^(?:de|da|del|de la|van|von|der|le|la|di|du|dos|das|y|bin|al|el)$/.test(word),
    ) &&
    /^[\p{Lu}]/u.test(words[0] ?? '')
  );
}

/** Credits without repeats (the same agency in a dateline and a trailer is one source). */
export function addSources(into: SourceCredit[], credits: readonly SourceCredit[]): void {
  for (const credit of credits) {
    if (!into.some((known) => known.name.toLowerCase() === credit.name.toLowerCase())) into.push(credit);
  }
}
