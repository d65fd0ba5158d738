import type { SourceCredit } from '@newsroom/domain';
import { creditNamesOf, isWireAgency, peopleOf, readsAsPersonName, sourceCreditOf } from './sources.js';

/**
 * What a rule does with what it matches:
 * - drop: the line is site furniture or derived data, and goes;
 * - list-label: a "Related", "Most read", "Mehr zum Thema" label on its own: it goes, and so do
 *   the headlines listed under it;
 * - see-also: the line becomes a see-also block where it stood (the match is the headline);
 * - source-credit: the line's names become source credits (the match is the credits);
 * - byline: the line names the story's authors (the match is the names);
 * - tags: what follows the label, and the lines after it that no other rule claims (blank lines
 *   skipped), are tags, comma-separated or one a line, until another rule claims a line, a line
 *   is too long for a tag name (over 120 characters), or the text ends;
 * - pull-quote: the paragraph becomes a quote block;
 * - subheading: the paragraph becomes a level-2 heading.
 */
export type ScrapedTextEffect =
  | 'drop'
  | 'list-label'
  | 'see-also'
  | 'source-credit'
  | 'byline'
  | 'tags'
  | 'pull-quote'
  | 'subheading';

/** Where a paragraph stands among the story's paragraphs (for the paragraph rules). */
export interface ParagraphContext {
  /** The paragraph's lines, trimmed, before they are joined. */
  lines: readonly string[];
  /** Story text (a paragraph) comes before it, after the headline. */
  textBefore: boolean;
  /** Story text comes after it. */
  textAfter: boolean;
}

/**
 * A match: false for none, true for a match with nothing to capture, the captured text (for a
 * RegExp, its named group `text`), names (byline) or credits (source-credit).
 */
export type RuleMatch = boolean | string | readonly string[] | readonly SourceCredit[];

export interface ScrapedTextRule {
  readonly name: string;
  /** 'line' rules are tried on every trimmed line; 'paragraph' rules on each paragraph left over. */
  readonly scope: 'line' | 'paragraph';
  readonly match: RegExp | ((text: string, context: ParagraphContext) => RuleMatch);
  readonly effect: ScrapedTextEffect;
}

const line = (name: string, match: ScrapedTextRule['match'], effect: ScrapedTextEffect): ScrapedTextRule => ({
  name,
  scope: 'line',
  match,
  effect,
});
const furniture = (name: string, match: ScrapedTextRule['match']) => line(name, match, 'drop');

/** A whole line, case-insensitive, from alternatives written as they read. */
const wholeLine = (...alternatives: string[]) => new RegExp(`^(?:${alternatives.join('|')})$`, 'iu');

/** "<label> <names>" where what follows the label reads as names: credits of `type` for them. */
const creditLine =
  (label: RegExp, other: 'publication' | 'person' = 'publication') =>
  (text: string): RuleMatch => {
    const tail = label.exec(creditText(text))?.groups?.text;
    if (tail === undefined) return false;
    const names = other === 'person' ? peopleOf(tail) : creditNamesOf(tail);
    return names ? names.map((name) => sourceCreditOf(name, null, other)) : false;
  };

/**
 * A credit line as it reads without a leading dash or the parentheses around it ("— With files
 * from Reuters", "(Con información de EFE)").
 */
function creditText(text: string): string {
  return text
    .replace(/^[–—-]+\s*/u, '')
    .replace(/^\((.*)\)\.?$/u, '$1')
    .trim();
}

/** "— Name", "-- Name": the line that names who said a pull quote. */
export const attributionLine = /^(?:[—―–]|--?)\s*(?<text>\S.*)$/u;

/** Labels of a "more stories" box, in the languages the rules know. */
const moreLabels = [
  // English
  'see also',
  'read more',
  'read next',
  'read also',
  'also read',
  'more on this(?: story)?',
  'related(?: (?:stor(?:y|ies)|articles?|coverage|content|news))?',
  'recommended(?: for you)?',
  'most (?:read|viewed|popular|shared)',
  'trending(?: now)?',
  'you may also like',
  // Spanish
  'le[aeé] (?:también|además)',
  'leer más',
  'v(?:e|er|ea) también',
  'mira también',
  'te puede interesar',
  'te recomendamos',
  'lo más (?:leído|visto)',
  'lo último(?: en [\\p{L} ]{1,40})?',
  'más noticias',
  'noticias? relacionadas?',
  'relacionad[oa]s',
  // French
  'à lire (?:aussi|également)',
  'a lire (?:aussi|également)',
  'lire (?:aussi|également)',
  'à voir (?:aussi|également)',
  'à découvrir',
  'sur le même sujet',
  'dans la même rubrique',
  'les plus (?:lus|partagés|populaires)',
  // German
  'mehr zum thema',
  'zum thema',
  'lesen sie (?:auch|dazu)',
  'lesetipp',
  'auch (?:interessant|lesenswert)',
  'meistgelesen',
  'am meisten gelesen',
  'das könnte sie auch interessieren',
  'weitere artikel(?: [\\p{L} ]{1,40})?',
  'empfohlen',
];
const moreLabel = `(?:${moreLabels.join('|')})`;
const moreOnOne = new RegExp(`^${moreLabel}\\s*(?:[:|»›→]|\\s[-–—])\\s*(?<text>\\S.{4,300})$`, 'iu');

/** A date or time and the words that come with one, in the four languages. */
const dateWords =
  /(?<!\p{L})(?:jan(?:uary|vier|uar)?|feb(?:ruary|ruar)?|févr(?:ier)?|mar(?:ch|s|zo)?|märz|apr(?:il)?|avr(?:il)?|abr(?:il)?|may(?:o)?|mai|mayo|jun(?:e|i|io)?|juin|jul(?:y|i|io)?|juil(?:let)?|aug(?:ust)?|ago(?:sto)?|août|sep(?:t(?:ember)?|tiembre|tembre)?|oct(?:ober|obre|ubre)?|okt(?:ober)?|nov(?:ember|embre|iembre)?|dec(?:ember)?|déc(?:embre)?|dic(?:iembre)?|dez(?:ember)?|mon(?:day)?|tue(?:sday)?|wed(?:nesday)?|thu(?:rsday)?|fri(?:day)?|sat(?:urday)?|sun(?:day)?|lunes|martes|miércoles|jueves|viernes|sábado|domingo|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|am|pm|a\.m\.|p\.m\.|gmt|utc|bst|cet|cest|mez|mesz|et|est|edt|pt|pst|pdt|uhr|h|hours?|minutes?|mins?|ago|hace|il y a|vor|stunden?|heures?|horas?|published|updated|posted|last updated|publicado|actualizado|actualizada|el|de|del|a las|publié|mis à jour|le|à|veröffentlicht|aktualisiert|publiziert|stand|am|um|on|at)(?!\p{L})/giu;

const monthNames =
  /(?<!\p{L})(?:jan(?:uary|vier|uar)?|feb(?:ruary|ruar)?|févr(?:ier)?|march|mars|marzo|märz|apr(?:il)?|avr(?:il)?|abr(?:il)?|may|mai|mayo|june?|juni|junio|juin|july?|juli|julio|juil(?:let)?|aug(?:ust)?|agosto|août|sep(?:t(?:ember)?|tiembre|tembre)?|oct(?:ober|obre|ubre)?|okt(?:ober)?|nov(?:ember|embre|iembre)?|dec(?:ember)?|déc(?:embre)?|dic(?:iembre)?|dez(?:ember)?|ago|hace|il y a|vor)(?!\p{L})/iu;

/**
 * A time stamp line: it has a number, and once dates, times and the words around them ("Updated",
 * "Publicado el", "Mis à jour le", "Uhr") are taken out, at most one word is left.
 */
export function isTimestamp(text: string): boolean {
  if (text.length > 120 || !/\d/.test(text)) return false;
  // A time (10:42, 09h14, 17.30 Uhr), a date (12/05/2026, 12.05.2026, 2026-05-12), or a month name.
  const dated =
    /\d{1,2}[:h.]\d{2}(?!\d)|\d{1,2}[./-]\d{1,2}[./-]\d{2,4}|\d{4}-\d{2}-\d{2}/.test(text) ||
    monthNames.test(text);
  if (!dated) return false;
  const left = text
    .replace(/[\d:.,/|·–—()+-]+/g, ' ')
    .replace(dateWords, ' ')
    .trim();
  return left.split(/\s+/).filter((word) => word.length > 1).length <= 1;
}

/**
 * A navigation line: short parts between " › ", " > ", " » ", " | " or " · " (a breadcrumb, a
 * menu, a row of buttons), none of them a sentence.
 */
function isNavigation(text: string): boolean {
  if (text.length > 160) return false;
  const parts = text.split(/\s+[›>»|·/]\s+|\s*\|\s*/u);
  return (
    parts.length >= 2 &&
    parts.every(
      (part) => part.length > 0 && part.length <= 50 && part.split(/\s+/).length <= 6 && !/[.!?]$/.test(part),
    )
  );
}

/** The end of a picture caption: who took or owns it ("Photo: Jane Roe/Reuters", "© BELGA", "EFE/Ana Ruiz"). */
const pictureCredit =
  /(?:(?:^|[\s(])(?:photos?|pictures?|fotos?|bild(?:er)?|images?|imagen|illustration|crédit(?: photo)?|credit|photo d['’]archives?|foto de archivo|archivbild)\s*:\s*\S.{0,80}|(?:^|\s)\(?(?:photo|foto) (?:by|de|par|von)\s+\S.{0,60}|(?:^|\s)©\s*\S.{0,60}|(?:^|[\s(])(?:photo|picture|foto) \/ \S.{0,60}|(?:^|\s)\((?:photo|foto) (?:fournie par|courtesy of|cortesía de)\s+\S.{0,60}|(?:^|[\s(])(?:REUTERS|EFE|AFP|AP Photo|Xinhua|Kyodo|AP|PA|AAP|Sipa|Icon Sport|APA|EPA|KEYSTONE|Keystone|ANSA|BELGA|dpa|picture alliance|Getty Images)\/\S.{0,60})$/iu;

/**
 * Every rule for scraped plain text, in the order they are tried (the first match wins). The
 * first line no drop rule claims is the headline. Each rule has examples in several languages
 * in scraped-text.test.ts; a new site's furniture is one more line here.
 */
export const scrapedTextRules: readonly ScrapedTextRule[] = [
  // Reading time is derived from the body, never imported: "4 Min Read", "Lesezeit: 3 Min.".
  line(
    'reading time',
    /^(?:\d{1,3}\s*min(?:ute)?s?\.?\s*read|(?:reading time|read time|tiempo de lectura|lectura|temps de lecture|lecture|lesezeit|lesedauer)\s*:?\s*\d{1,3}\s*min(?:ute|utos?|uten)?s?\.?|(?:listen to this article|escuchar esta nota|écouter cet article|artikel anhören)(?:\s*[·|-]?\s*\d{1,3}\s*min\.?)?)$/iu,
    'drop',
  ),
  // "See also<any whitespace incl. U+00A0, a colon or dash, or nothing> <headline>". The headline
  // starts with anything but a lowercase letter, so "See also the mayor's statement." stays prose.
  line('see also', /^(?:see also|See also|See Also|SEE ALSO)[\s:–—-]*(?<text>[^\s\p{Ll}].*)$/u, 'see-also'),
  // "Read more: <headline>", "Lire aussi : …", "LEER MÁS: …", "Mehr zum Thema: …", "LIRE AUSSI - …".
  line(
    'more on one story',
    (text) => {
      const headline = moreOnOne.exec(text)?.groups?.text;
      return headline && !/^\p{Ll}/u.test(headline) ? headline : false;
    },
    'see-also',
  ),
  // "Related", "Most read", "Te puede interesar", "Mehr zum Thema" alone: a list of headlines follows.
  line('more stories', new RegExp(`^${moreLabel}\\s*:?$`, 'iu'), 'list-label'),
  // "Additional sources •AP", "Additional source: Reuters".
  line(
    'additional sources',
    creditLine(/^additional sources?\s*[:•·|–—-]?\s*(?<text>[^.!?]{1,200}?)\.?$/i),
    'source-credit',
  ),
  // "Reporting by Jane Doe in Paris; Additional reporting by …; Editing by …" (the editors are not
  // sources), "(Reporte de … en …; editado por …)", "(Reportage de … à Zurich, édité par …)".
  line(
    'reporting by',
    (text) => {
      // "Bericht von A, Mitarbeit: B; redigiert von C": each labelled part on its own.
      const parts = creditText(text).split(
        /\s*;\s*|,?\s+(?=(?:édité|editado|editing|edited|redigiert)(?!\p{L}))|,\s*(?=mitarbeit:)/iu,
      );
      const credits: SourceCredit[] = [];
      for (const part of parts) {
        if (/^(?:editing|edited|editado|édité|redigiert|writing|escrito|rédigé)(?!\p{L})/iu.test(part))
          continue;
        const found = creditLine(
          /^(?:with |con |avec |mit )?(?:additional |información adicional de |zusätzliche )?(?:reporting|reported|reporte|reportage|informe|recherche|berichterstattung|bericht|mitarbeit)(?: (?:by|de|par|von)|:)\s+(?<text>[^!?]{1,300}?)\.?$/iu,
          'person',
        )(part);
        if (found === false) return false;
        credits.push(...(found as SourceCredit[]));
      }
      return credits.length > 0 ? credits : false;
    },
    'source-credit',
  ),
  // "With reporting by Reuters", "Con información de EFE y Reuters", "Avec AFP", "Mit Material von dpa".
  line(
    'with material from',
    creditLine(
      /^(?:with (?:additional )?reporting from|with (?:files|inputs) from|(?:con )?informaci[oó]n de|avec(?: l['’])?|mit material (?:von|der|des)|material:|quelle:)\s*(?<text>[^.!?]{1,200}?)\.?$/iu,
    ),
    'source-credit',
  ),
  // "Associated Press writers Jane Doe in Miami and Omar Haddad contributed to this report."
  line(
    'contributed',
    creditLine(
      /^(?:(?:the )?associated press (?:writers?|reporters?)|(?:staff )?(?:writers?|reporters?)) (?<text>.{1,300}?) contributed(?: to this (?:report|story))?\.?$/iu,
      'person',
    ),
    'source-credit',
  ),
  // "Sources: AP, Reuters" (the colon is required: "Sources said…" is prose), "Fuentes: EFE".
  line(
    'sources',
    creditLine(/^(?:sources?|fuentes?|quellen?|source)\s*[:•|]\s*(?<text>[^.!?]{1,200}?)\.?$/iu),
    'source-credit',
  ),
  // An agency alone on its line: "(APA)", "– dpa", "dpa/lno", "(Belga)", "Keystone-ATS".
  line(
    'agency line',
    (text) => {
      const name =
        /^(?:\((?<a>[^()]{2,30})\)|[–—-]\s*(?<b>\S.{0,29})|(?<c>[\p{L}-]{2,20}\/[a-z]{2,4}))\.?$/u.exec(
          text,
        )?.groups;
      const agency = name?.a ?? name?.b ?? name?.c ?? (text.length <= 30 ? text : undefined);
      if (!agency) return false;
      const credit = sourceCreditOf(agency);
      return credit.type === 'wire' ? [credit] : false;
    },
    'source-credit',
  ),
  // "By Jane Doe", "Por María López y Juan Ruiz · 12 de mayo", "Par Claire Martin et Hugo Blanc | …",
  // "Von Anna Keller und Tom Berg": the authors, when what follows reads as people's names.
  line(
    'byline',
    (text) => {
      const found = /^(?:by|por|par|von|de)\s+(?<names>[^|·•]{2,120}?)(?:\s*[|·•]\s*.{0,120})?$/iu.exec(text);
      const tail = found?.groups?.names?.trim();
      if (!tail || /[.!?:;]$/.test(tail)) return false;
      const names = tail
        .replace(/,\s*(?=[\p{Ll}])[^,]*$/u, '')
        .split(/\s*(?:,|&|\s(?:and|y|e|et|und|with|con|avec|mit)\s)\s*/u)
        .filter((name) => name.length > 0);
      // "Par Inès Lambert avec AFP": an agency in a byline is a source (see bylineOf).
      return names.length > 0 && names.length <= 6 && names.every(readsAsPersonName) ? names : false;
    },
    'byline',
  ),
  // "TAGGED:" or "Tags: Ukraine, Russia", "Etiquetas:", "Mots-clés :", "Schlagwörter:".
  line(
    'tagged',
    /^(?:tagged|tags|topics|etiquetas|temas|mots[- ]clés|mots clés|thèmes|schlagwörter|schlagworte|themen)\s*:?\s*(?<text>(?<=:\s*).*|)$/iu,
    'tags',
  ),
  furniture('time stamp', isTimestamp),
  furniture('picture credit', (text) => pictureCredit.test(text) && !/^["“„«‘]/u.test(text)),
  furniture(
    'share',
    wholeLine(
      'share (?:this|the) (?:article|story|post|page)',
      'share(?: (?:on|via|to) \\S+)?',
      'compart(?:ir|e)(?: en \\S+)?:?',
      '(?:enviar|envoyer|send|senden) (?:por|par|via|by|per) \\S+',
      "partager(?: (?:sur|par) \\S+| (?:cet |l[’'])article)?",
      '(?:artikel )?teilen(?: (?:auf|per|via) \\S+)?',
      '(?:copy|copiar|copier(?: le)?|kopieren) (?:link|enlace|lien)',
      'link kopieren',
      'x|twitter|tweet|tweeter|facebook|linkedin|whatsapp|telegram|reddit|pinterest|flipboard|bluesky|threads|e-?mail|link|print|imprimer|drucken|imprimir|guardar|save|merken|envoyer|enviar|senden|mail',
    ),
  ),
  furniture(
    'comments',
    wholeLine(
      'leave a (?:comment|reply)',
      '\\d+ (?:comments?|commentaires?|comentarios?|kommentare?)',
      '(?:comments|comentarios|commentaires|kommentare|réactions|reacciones|postings)(?: \\(\\d+\\))?',
      '(?:view|show|read) comments',
      'deja (?:tu|un) comentario',
      'comentar',
      'réagir(?: à cet article)?',
      'kommentare (?:anzeigen|lesen)',
      'zum forum(?: \\(\\d+ postings\\))?',
      'jump to comments',
      'ver \\d+ comentarios',
      '(?:voir|afficher) les \\d+ commentaires',
      '(?:view|see|read) all \\d+ comments',
      'ver los \\d+ comentarios',
      'alle \\d+ kommentare(?: anzeigen)?',
      '\\d+ (?:réactions|reacciones|replies)',
      'join the (?:conversation|discussion)',
      'comments are moderated.{0,120}',
      'your email address will not be published\\.?.{0,80}',
      'normas de participación',
      'inicia sesión para comentar',
      'connectez-vous pour commenter',
      'jetzt kommentieren',
      'feedback geben',
      'send us feedback',
    ),
  ),
  furniture(
    'read more',
    /^(?:read more|continue reading|read the full (?:article|story)|leer más|lire la suite|weiterlesen|mehr lesen|back to top|volver arriba|retour en haut|nach oben)[\s.:…»›→]*$/iu,
  ),
  // Calls to sign up, subscribe or download: a call (at the start, or in a form only a call takes)
  // that names what is offered, a "Newsletter:" label, or a subscription's price.
  furniture('newsletter and subscription', (text) => {
    if (text.length > 300) return false;
    const call =
      /^(?:sign(?:ing)? up|subscribe|register|get|join|receive|download|try|start|suscr[ií]be(?:te)?|suscribite|reg[ií]strate|recib[ea]|rec[ií]bi|descarg[aá]|sigue|seguí|inscrivez-vous|abonnez-vous|recevez|téléchargez|essayez|vous lisez|abonnieren|jetzt|melden sie sich|laden sie|holen sie sich|testen sie|by signing up|al suscribirte|en vous inscrivant)(?!\p{L})/iu;
    const offer =
      /(?<!\p{L})(?:newsletters?|boletín|bolet[ií]n|infolettre|inbox|correo|e-?mail|app|appli|application|aplicación|abo|abonnement|subscription|suscripción|alert(?:s|as|es)|whatsapp|telegram|canal|premium|mois|month|mes|monat|wochen|semanas|semaines|weeks|€|£|\$|plus|unsubscribe|darse de baja|désinscrire|abmelden)(?!\p{L})/iu;
    // Forms only a call to the reader takes ("jetzt … abonnieren", "apúntate", "téléchargez-la"),
    // wherever they stand in the line, and a "Newsletter:" or "Newsletter „…“" label.
    const imperative =
      /(?<!\p{L})(?:jetzt (?:\p{L}+ )?(?:abonnieren|anmelden|registrieren|testen|herunterladen)|apúntate|suscríbete|suscribite|suscríbase|inscríbete|regístrate|descárgala|téléchargez(?:-la)?|inscrivez-vous|abonnez-vous|sign up (?:here|now|today)|subscribe (?:here|now|today))(?!\p{L})/iu;
    // An offer with a price: "Subscribe for £1", "für 2,99 € im Monat", "por 1 €".
    const priced =
      /(?:[€£$]\s?\d|\d\s?[€£$])/u.test(text) &&
      /(?:subscri|suscri|abonn|abo(?!\p{L})|werbefrei|premium)/iu.test(text);
    return (
      (call.test(text) && offer.test(text)) ||
      (imperative.test(text) && offer.test(text)) ||
      /^newsletters?\s*(?::|„|«|")/iu.test(text) ||
      priced
    );
  }),
  furniture(
    'cookies',
    (text) =>
      isConsentPrompt(text) ||
      /^(?:we use cookies|we and our partners|this (?:site|website) uses cookies|by continuing|we value your privacy|utilizamos cookies|usamos cookies|este sitio (?:web )?utiliza cookies|nous utilisons des cookies|ce site utilise des cookies|nous et nos partenaires|en poursuivant|wir verwenden cookies|wir nutzen cookies|diese (?:web)?seite verwendet cookies|diese website verwendet cookies|wir und unsere partner)(?!\p{L}).{0,400}$/iu.test(
        text,
      ) ||
      wholeLine(
        '(?:accept|reject|decline|allow|manage) (?:all |essential |optional )?cookies',
        'cookie (?:settings|preferences|policy|consent)',
        'accept all',
        'reject all',
        'manage (?:preferences|options|settings)',
        'aceptar(?: todas?)?(?: las cookies)?',
        'rechazar(?: todas?)?',
        'configurar(?: cookies)?',
        'tout accepter',
        'tout refuser',
        'accepter et fermer',
        'continuer sans accepter',
        'paramétrer',
        'gérer mes préférences',
        'alle akzeptieren',
        'alle ablehnen',
        'einstellungen (?:verwalten|anpassen)',
        'do not sell or share my personal information',
        'gestionar preferencias',
        'aceptar y (?:seguir|continuar)(?: leyendo)?',
        'zustimmen und weiter',
        'accept and continue',
        'agree and close',
        'privacy settings',
      ).test(text),
  ),
  furniture(
    'advertisement',
    /^[-–—\s]*(?:advertisement|advertising|sponsored(?: content)?|scroll to continue(?: with content)?|publicidad|publicité|anzeige|werbung|contenu sponsorisé|patrocinado|paid content|story continues below(?: advertisement)?|article continues below|la noticia continúa|l['’]article continue ci-dessous|weiter nach der anzeige)(?:\s*\d+(?:\/\d+)?)?(?:\s*[·|-]\s*scroll to continue(?: with content)?)?[-–—\s]*$/iu,
  ),
  furniture(
    'navigation',
    (text) =>
      isNavigation(text) ||
      wholeLine(
        'skip to (?:main )?content',
        'saltar al contenido(?: principal)?',
        'aller au contenu(?: principal)?',
        'zum inhalt springen',
        'menu|menú|menü|search|buscar|suche|rechercher|sign in|log in|iniciar sesión|ingresá|se connecter|anmelden|abo|e-paper|home|inicio|accueil|startseite|sections|secciones|rubriques|ressorts|ir al contenido(?: principal)?',
        'purchase licensing rights(?:, opens new tab)?',
        '_{3,}',
      ).test(text),
  ),
  // A finance page's box of the shares a story names: "Aktien in diesem Artikel", "Vellmar AG -14,2 %".
  furniture(
    'market quotes',
    /^(?:(?:stocks|shares|companies) (?:in|mentioned in) this (?:article|story)|aktien in diesem artikel|valeurs (?:citées )?dans (?:cet|l['’])article|valores (?:en|de) esta noticia|[\p{L}][\p{L}\d .&'’-]{1,40}\s+[+\-−]\d{1,4}(?:[.,]\d{1,2})?\s?%)$/iu,
  ),
  furniture(
    'follow us',
    /^(?:follow us on|síguenos en|suivez-nous sur|folgen sie uns auf)(?!\p{L}).{0,100}$/iu,
  ),
  // A pull quote is set apart on purpose: every line starts with "> ", or it is wrapped in ❝ ❞.
  // A paragraph that merely starts with a quotation mark is reported speech and stays a paragraph.
  {
    name: 'pull quote',
    scope: 'paragraph',
    match: (text, { lines }) => lines.every((l) => l.startsWith('>')) || /^❝[\s\S]*❞/u.test(text),
    effect: 'pull-quote',
  },
  // A subheading: one short line (≤ 80 characters) starting with a capital letter, with no final
  // . ! ? : ” " ’ ' …, between story text before and after it (so never the last line).
  {
    name: 'subheading',
    scope: 'paragraph',
    match: (text, { lines, textBefore, textAfter }) =>
      lines.length === 1 &&
      textBefore &&
      textAfter &&
      text.length <= 80 &&
      /^[\p{Lu}„“"«‘]/u.test(text) &&
      !/[.!?:…]$/u.test(text) &&
      // A closing quote ends it only when the line opened one: "Company ‘considering its options’".
      (!/[”"’'»]$/u.test(text) || (/^\p{Lu}/u.test(text) && /\p{L}[\s\p{L}]*[‘“«„]/u.test(text))),
    effect: 'subheading',
  },
];

export function matchRule(rule: ScrapedTextRule, text: string, context: ParagraphContext): RuleMatch {
  if (rule.match instanceof RegExp) {
    const found = rule.match.exec(text);
    return found ? (found.groups?.text ?? true) : false;
  }
  return rule.match(text, context);
}

const lineContext = (text: string): ParagraphContext => ({
  lines: [text],
  textBefore: false,
  textAfter: false,
});

/** The first line rule that claims a line, and what it captured. */
export function firstLineRule(text: string): { rule: ScrapedTextRule; found: RuleMatch } | null {
  for (const rule of scrapedTextRules) {
    if (rule.scope !== 'line') continue;
    const found = matchRule(rule, text, lineContext(text));
    if (found !== false) return { rule, found };
  }
  return null;
}

/**
 * A consent prompt in any words: it speaks to the reader ("we", "your", "Sie", "nous", "tu"),
 * about cookies, tracking or their data, and asks them to accept or choose (or is short enough to
 * be the prompt's title: "Your privacy, your choice"). News about cookies reports others' words
 * and stays: "The regulator said sites that use cookies without consent will be fined."
 */
function isConsentPrompt(text: string): boolean {
  if (text.length > 500 || /^["“„«‘]/u.test(text)) return false;
  const privacy =
    /(?<!\p{L})(?:cookies?|témoins(?: de navigation)?|traceurs|tracking|trackers?|privacy|datenschutz\p{L}*|confidentialité|privacidad|personal data|personenbezogene|datos personales|données personnelles)(?!\p{L})/iu;
  const address =
    /(?<!\p{L})(?:we|our|you|your|wir|unsere\p{L}*|sie|ihre?\p{L}*|nous|nos|notre|vous|votre|vos|utilizamos|usamos|nuestros?|tus?|acepta|besuchen)(?!\p{L})/iu;
  const asks =
    /(?<!\p{L})(?:accept\p{L}*|akzeptier\p{L}*|zustimm\p{L}*|einwillig\p{L}*|acept\p{L}*|consent\p{L}*|choices?|choix|manage|gérer|gestionar|verwalten|einstellungen|preferences|préférences|preferencias|store and\/or access|partners?|partenaires|partner|socios|widerrufen)(?!\p{L})/iu;
  const title = text.length <= 80 && !/[.!?]$/.test(text);
  return privacy.test(text) && address.test(text) && (asks.test(text) || title);
}

/** A line in a "Related" list: a headline (no final full stop, not a sentence-long line). */
export function readsAsListedHeadline(text: string): boolean {
  return text.length <= 200 && !/[.:;,]$/.test(text) && !firstLineRule(text);
}

/**
 * A dateline at the start of the first paragraph: "KUALA LUMPUR (Reuters) –", "Madrid, 12 may
 * (EFE).-", "SEVILLA, 12 May. (EUROPA PRESS) -", "Berlin (dpa) -", "LAUSANNE, Switzerland —".
 * The place, the agency (if any), and the text after it.
 */
export function datelineOf(
  text: string,
): { place: string; agency: SourceCredit | null; rest: string } | null {
  const withAgency =
    /^(?<place>\p{Lu}[\p{L} .'’-]{1,40}?)(?:,[^()]{1,40}?)?\s*\((?<agency>[^()]{2,40})\)\s*\.?\s*(?:[-–—]+|:)\s*(?<rest>\S[\s\S]*)$/u.exec(
      text,
    );
  if (withAgency?.groups) {
    const agency = sourceCreditOf(withAgency.groups.agency ?? '');
    if (agency.type === 'wire') {
      return { place: (withAgency.groups.place ?? '').trim(), agency, rest: withAgency.groups.rest ?? '' };
    }
  }
  // The agency first: "(ANSA) - ROMA, 13 MAY - Italia devolvió…".
  const agencyFirst =
    /^\((?<agency>[^()]{2,30})\)\s*[-–—]+\s*(?<place>\p{Lu}[\p{L} .'’-]{1,40}?)(?:,[^-–—]{1,30}?)?\s*[-–—]+\s*(?<rest>\S[\s\S]*)$/u.exec(
      text,
    );
  if (agencyFirst?.groups) {
    const agency = sourceCreditOf(agencyFirst.groups.agency ?? '');
    if (agency.type === 'wire') {
      return { place: (agencyFirst.groups.place ?? '').trim(), agency, rest: agencyFirst.groups.rest ?? '' };
    }
  }
  // "Arequipa.- Un sismo…": the Spanish-language form, without an agency.
  const pointDash = /^(?<place>\p{Lu}[\p{L} '’-]{1,30}?)\.-\s*(?<rest>\p{Lu}[\s\S]*)$/u.exec(text);
  if (pointDash?.groups) {
    return { place: (pointDash.groups.place ?? '').trim(), agency: null, rest: pointDash.groups.rest ?? '' };
  }
  // Without an agency: a place in capitals ("LAUSANNE, Switzerland —") or one or two words before
  // a dash ("Zürich –").
  const plain =
    /^(?<place>\p{Lu}[\p{Lu} .'’-]{2,40}(?:,\s*\p{Lu}[\p{L} .]{1,30})?|\p{Lu}[\p{L}.'’-]{1,30}(?: \p{Lu}[\p{L}.'’-]{1,30})?)\s+[–—]\s+(?<rest>\p{Lu}[\s\S]*)$/u.exec(
      text,
    );
  if (plain?.groups)
    return { place: (plain.groups.place ?? '').trim(), agency: null, rest: plain.groups.rest ?? '' };
  return null;
}

/** A byline's names: the people are the authors, an agency among them ("avec AFP") a source. */
export function bylineOf(names: readonly string[]): { authors: string[]; sources: SourceCredit[] } {
  const sources = names.filter(isWireAgency).map((name) => sourceCreditOf(name));
  return { authors: names.filter((name) => !isWireAgency(name)), sources };
}

/** An agency named at the very end of the last paragraph: "… on Tuesday. (AFP)". */
export function trailingAgencyOf(text: string): { agency: SourceCredit; rest: string } | null {
  const found = /^(?<rest>[\s\S]*?[.!?”"»])\s*\((?<agency>[^()]{2,30})\)$/u.exec(text);
  if (!found?.groups) return null;
  const agency = sourceCreditOf(found.groups.agency ?? '');
  return agency.type === 'wire' ? { agency, rest: found.groups.rest ?? '' } : null;
}

/** Marks where a page's own credit element (`<span class="credit">`) started in a caption. */
export const creditMark = '\uE001';

/**
 * A picture's caption and credit from a caption line: "Firefighters on Tuesday. Photo: Jane
 * Roe/Reuters" → caption and "Jane Roe/Reuters"; "… (AP Photo/Lena Farouk)"; "… © BELGA".
 */
export function splitCaption(text: string): { caption: string | null; credit: string | null } {
  const clean = (value: string | undefined) => value?.replace(/\s+/g, ' ').trim() || null;
  const marked = text.indexOf(creditMark);
  if (marked >= 0) {
    return {
      caption: clean(text.slice(0, marked)),
      credit: clean(
        text
          .slice(marked + 1)
          .replace(creditMark, '')
          .replace(/^\(?(?:photo|foto|bild|image|imagen)\s*:\s*|\)$/giu, ''),
      ),
    };
  }
  const found = pictureCredit.exec(text);
  if (!found) return { caption: clean(text), credit: null };
  const credit = found[0]
    .trim()
    .replace(/^\(|\)$/g, '')
    .replace(
      /^(?:(?:photos?|pictures?|fotos?|bild(?:er)?|images?|imagen|illustration|crédit(?: photo)?|credit|photo d['’]archives?|foto de archivo|archivbild)\s*:\s*|(?:photo|picture|foto) \/ |(?:photo|foto) (?:by|de|par|von|fournie par|courtesy of|cortesía de)\s+|©\s*)/iu,
      '',
    );
  return { caption: clean(text.slice(0, found.index)), credit: clean(credit) };
}
