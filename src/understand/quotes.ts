// Quotations in an article and who said them; the same statement printed by several outlets merged into one Quote.
//
// `findQuotes` reads the cleaned text paragraph by paragraph (one line = one paragraph; a quote never crosses a line),
// so a quote that runs over several sentences inside one pair of marks stays whole. It is a single scan for quote
// marks, then small windows around each quote: the sentence it opens in and the sentence it closes in. Attribution is
// a speech verb outside the quote marks with its subject ("Dehghan said", "he told reporters", "a Ministry statement
// said"), its inverted subject ("said Dehghan"), "according to X" or "quoted X as saying". Pronouns and descriptions
// ("he", "the minister") resolve to a person mention written earlier.
//
// `mergeQuotes` groups the quotes of several articles: the same words (after folding case, hyphens, apostrophes and
// punctuation) or nearly the same (a word dropped or added, a clause cut) become one Quote with every variant.
import { loadJson } from '../data.js';
import type { Mention, Quote, Sentence } from '../model.js';

export interface QuoteInArticle {
  /** The quoted words, without the quote marks, trimmed; the parts of a quote interrupted by attribution joined. */
  text: string;
  /** Offsets of the quoted words in the article text (first word of the first part to last word of the last). */
  start: number;
  end: number;
  /** Index of the sentence the quote starts in. */
  sentence: number;
  /** A fragment quoted inside reporting ("a “decisive” battle") rather than a full statement. */
  partial: boolean;
  /** The person or organisation mention the quote is attributed to (pronouns and descriptions resolved), or null. */
  speaker: Mention | null;
}

export interface AttributedQuote {
  article: string;
  quote: QuoteInArticle;
  /** The speaker's canonical name and role, as resolved by the caller; null when unknown. */
  speaker: { name: string; role: string | null } | null;
}

// ---------------------------------------------------------------------------------------------------------------------
// Vocabulary

/**
 * Verbs that report speech, as finite forms (lower case only: "Said" opening a sentence is more often a name).
 * Besides the plain speech verbs this holds a few verbs of characterisation that quote the speaker's own words
 * ("described the meeting as “very successful”", "called it “a crime”"); verbs of attitude (denounced, thanked,
 * criticised) are left out because the quoted words after them are usually someone else's.
 */
const FINITE_VERBS = [
  'said', 'says', 'say', 'told', 'tells', 'added', 'adds', 'noted', 'notes', 'stressed', 'stresses', 'warned', 'warns',
  'insisted', 'insists', 'explained', 'explains', 'declared', 'declares', 'announced', 'announces', 'asked', 'asks',
  'replied', 'replies', 'wrote', 'writes', 'tweeted', 'tweets', 'urged', 'urges', 'argued', 'argues', 'claimed',
  'claims', 'affirmed', 'affirms', 'underlined', 'underlines', 'continued', 'continues', 'concluded', 'concludes',
  'emphasized', 'emphasised', 'emphasizes', 'emphasises', 'reiterated', 'reiterates', 'stated', 'commented',
  'remarked', 'observed', 'maintained', 'acknowledged', 'admitted', 'assured', 'vowed', 'pledged', 'promised',
  'cautioned', 'suggested', 'responded', 'answered', 'recalled', 'confirmed', 'insisted', 'described', 'describes',
  'called', 'calls', 'dubbed', 'termed', 'hailed', 'went on to say', 'pointed out', 'quoted as saying',
];
/** Participles continue the speech of the clause's subject: "…, adding that “…”". */
const PARTICIPLES = [
  'adding', 'saying', 'noting', 'stressing', 'warning', 'insisting', 'explaining', 'declaring', 'announcing', 'asking',
  'urging', 'arguing', 'claiming', 'affirming', 'underlining', 'emphasizing', 'emphasising', 'reiterating', 'stating',
  'describing', 'calling', 'writing', 'telling', 'continuing', 'concluding', 'pointing out', 'vowing', 'pledging',
  'recalling', 'replying', 'responding',
];

/** Words that may stand between a subject and its verb: "Dehqan also said", "Shamkhani had earlier said". */
const FILLERS = new Set([
  'also', 'earlier', 'later', 'further', 'then', 'again', 'once', 'too', 'had', 'has', 'have', 'was', 'were', 'is',
  'are', 'would', 'will', 'has', 'today', 'yesterday', 'tonight', 'subsequently', 'meanwhile', 'himself', 'herself',
  'themselves', 'itself', 'reportedly', 'on', 'be', 'been',
]);
const DAYS = /^(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)$/;
/** Words ending in -ly that are not adverbs. */
const NOT_ADVERBS = new Set(['ally', 'family', 'rally', 'only', 'italy', 'july', 'daily', 'weekly', 'assembly', 'supply']);

/** Pronouns that can be a speech verb's subject; "he"/"she" resolve to a person, "they"/"it" to nobody. */
const PRONOUNS = new Map<string, boolean>([
  ['he', true], ['she', true], ['him', true], ['her', true], ['they', false], ['them', false], ['it', false],
]);

/** Descriptions of a speaker ("the minister", "the Syrian head of state") → words their role would contain. */
const ROLE_NOUNS: Record<string, string[]> = {
  'head of state': ['president', 'king', 'emir', 'head of state'],
  'prime minister': ['prime minister', 'premier'],
  'foreign minister': ['foreign minister'],
  minister: ['minister'],
  president: ['president'],
  official: ['official'],
  spokesman: ['spokes'],
  spokeswoman: ['spokes'],
  spokesperson: ['spokes'],
  diplomat: ['diplomat', 'minister', 'ambassador', 'envoy'],
  envoy: ['envoy'],
  ambassador: ['ambassador'],
  secretary: ['secretary'],
  general: ['general'],
  commander: ['commander', 'general'],
  chief: ['chief', 'head'],
  leader: ['leader'],
  premier: ['premier', 'prime minister'],
  king: ['king'],
  mayor: ['mayor'],
  governor: ['governor'],
  senator: ['senator'],
  lawmaker: ['lawmaker', 'senator', 'deputy', 'mp'],
  negotiator: ['negotiator'],
  chairman: ['chairman', 'chair'],
  prosecutor: ['prosecutor'],
  ayatollah: ['ayatollah'],
  cleric: ['cleric', 'ayatollah', 'imam'],
};
const NOUN_ALT = Object.keys(ROLE_NOUNS)
  .sort((a, b) => b.length - a.length)
  .map((n) => n.replace(/ /g, '\\s+'))
  .join('|');

// ---------------------------------------------------------------------------------------------------------------------
// Regular expressions

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+');
const alt = (words: string[]) => [...new Set(words)].sort((a, b) => b.length - a.length).map(escapeRe).join('|');

/** Every speech-verb form; lookbehind keeps "so-called" and "Iran’s" out. */
const VERB_RE = new RegExp(
  `(?<![\\p{L}\\p{N}’'\\-])(?:(?<quoted>quoted\\s+(?<who>[^.;:“”"«»\\n]{1,80}?)\\s+as\\s+saying)|(?<acc>[Aa]ccording\\s+to)|(?<part>${alt(PARTICIPLES)})|(?<fin>${alt(FINITE_VERBS)}))(?![\\p{L}\\p{N}])`,
  'gu',
);
/** "the minister", "the Iranian official", "The Syrian head of state", ending where the text ends. */
const DESC_END_RE = new RegExp(`(?<![\\p{L}])[Tt]he\\s+((?:[\\p{L}’'\\-]+\\s+){0,3}?)(${NOUN_ALT})$`, 'iu');
/** The same at the start of the text: "said the minister". */
const DESC_START_RE = new RegExp(`^[Tt]he\\s+((?:[\\p{L}’'\\-]+\\s+){0,3}?)(${NOUN_ALT})(?![\\p{L}])`, 'iu');
/** "A Russian Defense Ministry statement before the meeting" / "X's statement", ending where the text ends. */
const STATEMENT_END_RE =
  /([\p{L}\p{N}.)])(?:’s|'s)?\s+(?:\p{Ll}+\s+){0,2}?(?:statement|communiqu[eé]|press\s+release|readout)(?:\s+[\p{Ll}\d][\p{L}\d\-]*){0,6}$/u;
/** After a person who is the subject of a clause: a lower-case word that is not a preposition or conjunction. */
const SUBJECT_AFTER_RE =
  /^(?:\s*,[^,.;“”"\n]{1,80},)?\s+(?!(?:of|in|and|or|for|on|at|with|to|from|by|as|after|before|during|who|whose|which|that|but|nor|into|over|under|against|between|about|via|than|while|when|where)(?![\p{L}]))\p{Ll}/u;
/** Before a person named as the inverted subject of a speech verb: "said Iranian Defense Minister ", "quoted ". */
const INVERTED_BEFORE_RE = new RegExp(
  `(?<![\\p{L}])(?:${alt(FINITE_VERBS)}|according\\s+to|quoted)\\s+(?:[\\p{Lu}][\\p{L}’'.\\-]*\\s+|(?:of|the|for)\\s+){0,6}$`,
  'u',
);

const DOUBLE_OPEN = '“„«‟';
const DOUBLE_CLOSE = '”»';
/** Every character that may be a quote mark, and the newline that ends a paragraph. */
const MARK_RE = /["“”„«»‟‘’‛'\n]/g;
/** A quick test: without any of these the text has no quotation. */
const ANY_QUOTE_RE = /["“”„«»‟‘‛]|(?:^|[\s(\[—–:])'\p{L}/u;

const SPACE = /\s/;
const LETTER = /\p{L}/u;
const UPPER = /\p{Lu}/u;
const LOWER = /\p{Ll}/u;
const ALNUM = /[\p{L}\p{N}]/u;
/** A character that may stand right before an opening mark. */
const BEFORE_OPEN = '([{—–-/:;“"‘«';
/** A character that may stand right after a closing mark. */
const AFTER_CLOSE = '.,;:!?)]}—–-…”"’»';

const isSpaceAt = (c: string | undefined) => c === undefined || SPACE.test(c);

// ---------------------------------------------------------------------------------------------------------------------
// findQuotes

interface Para {
  start: number;
  end: number;
}

/** A pair of marks (or an opener left unclosed) in one paragraph. */
interface Span {
  open: number;
  /** The closing mark's offset, or -1 when unclosed. */
  close: number;
  /** End of the raw content (the closing mark, the paragraph's end, or the next opener). */
  contentEnd: number;
  para: number;
}

type Ref =
  | { kind: 'mention'; mention: Mention; pos: number }
  | { kind: 'pronoun'; person: boolean; pos: number }
  | { kind: 'desc'; keys: string[]; mods: string[]; pos: number };

/** A speech verb outside quote marks, with the speaker it names (null when none can be read). */
interface Occurrence {
  start: number;
  end: number;
  /** Where the attribution phrase begins (the subject before the verb, else the verb). */
  phraseStart: number;
  ref: Ref | null;
}

interface Draft {
  parts: Array<[number, number]>;
  open: number;
  /** Offset just after the last part's closing mark (or the paragraph's end). */
  after: number;
  /** The same for the first part: an attribution right after it ("“We agree,” he said, “to…”") names the speaker. */
  firstAfter: number;
  closed: boolean;
  para: number;
}

export function findQuotes(text: string, sentences: Sentence[], mentions: Mention[]): QuoteInArticle[] {
  if (!ANY_QUOTE_RE.test(text)) return [];
  return new QuoteFinder(text, sentences, mentions).run();
}

class QuoteFinder {
  private readonly paras: Para[] = [];
  private readonly spans: Span[] = [];
  private readonly spansByPara = new Map<number, Span[]>();
  private readonly sentStarts: number[];
  /** People and organisations, by start. */
  private readonly speakers: Mention[];
  private readonly speakerStarts: number[];
  /** People only, by start. */
  private readonly persons: Mention[];
  private readonly personStarts: number[];
  private readonly occCache = new Map<number, Occurrence[]>();
  private readonly resolved = new Map<string, Mention | null>();

  constructor(
    private readonly text: string,
    private readonly sentences: Sentence[],
    mentions: Mention[],
  ) {
    this.sentStarts = sentences.map((s) => s.start);
    this.speakers = mentions.filter((m) => m.type === 'person' || m.type === 'organization').sort((a, b) => a.start - b.start);
    this.speakerStarts = this.speakers.map((m) => m.start);
    this.persons = this.speakers.filter((m) => m.type === 'person');
    this.personStarts = this.persons.map((m) => m.start);
  }

  run(): QuoteInArticle[] {
    this.scanMarks();
    if (!this.spans.length) return [];
    const out: QuoteInArticle[] = [];
    /** The last named speaker of each paragraph with quotes, for the continuation rule. */
    const paraSpeaker = new Map<number, Mention | null>();
    for (const [p, spans] of this.spansByPara) {
      const occs = this.occurrences(p);
      const drafts = this.join(spans, occs);
      /** The last named speaker of a quote in this paragraph, and where that quote opened. */
      let last: Mention | null = null;
      let lastAt = -1;
      for (const d of drafts) {
        const s0 = d.parts[0][0];
        const partial = this.isPartial(d, s0);
        let speaker: Mention | null = null;
        // "the so-called “moderate opposition”": a label, nobody's words.
        const scare = /(?:^|[^\p{L}])so-called\s*$/iu.test(this.text.slice(Math.max(0, d.open - 12), d.open));
        const pick = scare ? undefined : this.attribution(d, occs);
        if (pick !== undefined) speaker = pick ? this.resolve(pick) : null;
        else if (!partial) {
          // No attribution in its sentences: a full quote continues the nearest speaker before it in the paragraph (a
          // quote's or a speech verb's), and a paragraph that is nothing but a quote the previous paragraph's speaker.
          const before = occs.filter((o) => o.end <= d.open && o.ref);
          const occ = before.length ? before[before.length - 1] : undefined;
          if (occ && occ.start > lastAt) speaker = this.resolve(occ.ref!);
          else if (last) speaker = last;
          else if (this.wholeQuote(p, spans)) speaker = this.previousSpeaker(p, paraSpeaker);
        }
        if (speaker) {
          last = speaker;
          lastAt = d.open;
        }
        const txt = d.parts.map(([s, e]) => this.text.slice(s, e)).join(' ');
        const words = txt.split(/\s+/).filter((w) => ALNUM.test(w)).length;
        if (!words) continue;
        if (partial && words < 3 && !speaker) continue; // scare quotes and titles: “moderate opposition”
        const end = d.parts[d.parts.length - 1][1];
        out.push({ text: txt, start: s0, end, sentence: this.sentenceAt(s0), partial, speaker });
      }
      if (last) paraSpeaker.set(p, last);
    }
    return out.sort((a, b) => a.start - b.start);
  }

  // --- marks -----------------------------------------------------------------------------------------------------------

  /** One pass over the quote marks of the text, paragraph by paragraph. */
  private scanMarks(): void {
    const t = this.text;
    let ps = 0;
    let open = -1;
    let doubles: Span[] = [];
    let singles: number[] = [];
    const finish = (pe: number) => {
      const p = this.paras.length;
      this.paras.push({ start: ps, end: pe });
      if (open >= 0) doubles.push({ open, close: -1, contentEnd: pe, para: p });
      for (const s of doubles) s.para = p;
      const all = singles.length ? this.pairSingles(doubles, singles, ps, pe, p) : doubles;
      if (all.length) {
        this.spansByPara.set(p, all);
        this.spans.push(...all);
      }
      open = -1;
      doubles = [];
      singles = [];
    };
    MARK_RE.lastIndex = 0;
    for (let m = MARK_RE.exec(t); m; m = MARK_RE.exec(t)) {
      const i = m.index;
      const c = m[0];
      if (c === '\n') {
        finish(i);
        ps = i + 1;
        continue;
      }
      if (c === '‘' || c === '’' || c === '‛' || c === "'") {
        singles.push(i);
        continue;
      }
      const prev = i > ps ? t[i - 1] : undefined;
      const next = t[i + 1] === '\n' ? undefined : t[i + 1];
      const attachedBefore = !isSpaceAt(prev) && !BEFORE_OPEN.includes(prev!);
      const closesAfter = isSpaceAt(next) || AFTER_CLOSE.includes(next!);
      if (open < 0) {
        if (DOUBLE_OPEN.includes(c)) open = i;
        // A straight mark glued to the word before and followed by a space closes nothing we saw: a stray closer.
        else if (c === '"') open = attachedBefore && closesAfter ? -1 : i;
        // ” or » as an opener, as scrapers write it: `said that ” Iran …”`; glued to a word it is a stray closer.
        else open = attachedBefore ? -1 : i;
      } else if (c === '"' || DOUBLE_CLOSE.includes(c)) {
        doubles.push({ open, close: i, contentEnd: i, para: -1 });
        open = -1;
      } else if (attachedBefore && closesAfter) {
        // “…“ or „…“: an opening mark used as the closer.
        doubles.push({ open, close: i, contentEnd: i, para: -1 });
        open = -1;
      } else {
        // A new opener while one is open: the first was never closed.
        doubles.push({ open, close: -1, contentEnd: i, para: -1 });
        open = i;
      }
    }
    finish(t.length);
  }

  /**
   * Single-quoted quotations, outside double quotes: an opener at a word's start before a letter, a closer after a
   * non-space before a space or punctuation. Apostrophes (don’t, Iran’s, the ’90s) are neither; a plural possessive
   * (the rebels’ positions) closes only when nothing better follows. Unclosed single quotes are not quotations.
   */
  private pairSingles(doubles: Span[], singles: number[], ps: number, pe: number, p: number): Span[] {
    const t = this.text;
    const out: Span[] = [...doubles];
    let di = 0;
    let open = -1;
    let fallback = -1;
    let gapEnd = doubles.length ? doubles[0].open : pe;
    const flush = () => {
      if (open >= 0 && fallback >= 0) out.push({ open, close: fallback, contentEnd: fallback, para: p });
      open = -1;
      fallback = -1;
    };
    for (const i of singles) {
      // Inside a double-quoted span: part of the quoted words.
      while (di < doubles.length && i > doubles[di].contentEnd) {
        flush();
        di++;
        gapEnd = di < doubles.length ? doubles[di].open : pe;
      }
      if (di < doubles.length && i >= doubles[di].open && i <= doubles[di].contentEnd) continue;
      if (i > gapEnd) continue;
      const c = t[i];
      const prev = i > ps ? t[i - 1] : undefined;
      const next = i + 1 < pe ? t[i + 1] : undefined;
      if (open < 0) {
        if ((c === '‘' || c === '‛' || c === "'") && (isSpaceAt(prev) || BEFORE_OPEN.includes(prev!)) && next !== undefined && LETTER.test(next)) {
          open = i;
        }
        continue;
      }
      if (c !== '’' && c !== "'") continue;
      if (isSpaceAt(prev) || !(isSpaceAt(next) || AFTER_CLOSE.includes(next!))) continue;
      if (prev === 's' && next === ' ' && LOWER.test(t[i + 2] ?? '')) {
        if (fallback < 0) fallback = i; // the rebels’ positions
        continue;
      }
      out.push({ open, close: i, contentEnd: i, para: p });
      open = -1;
      fallback = -1;
    }
    flush();
    return out.sort((a, b) => a.open - b.open);
  }

  // --- drafts ----------------------------------------------------------------------------------------------------------

  /** Trimmed content range of a span; trailing commas, semicolons, colons and dashes belong to the reporting. */
  private content(s: Span): [number, number] {
    const t = this.text;
    let a = s.open + 1;
    let b = s.contentEnd;
    while (a < b && SPACE.test(t[a])) a++;
    while (b > a && (SPACE.test(t[b - 1]) || ',;:—–'.includes(t[b - 1]))) b--;
    return [a, b];
  }

  /** Spans to drafts, joining a quote interrupted by its attribution: “We agree,” he said, “to a ceasefire.” */
  private join(spans: Span[], occs: Occurrence[]): Draft[] {
    const t = this.text;
    const drafts: Draft[] = [];
    for (const s of spans) {
      const part = this.content(s);
      const prev = drafts[drafts.length - 1];
      const after = s.close >= 0 ? s.close + 1 : s.contentEnd;
      if (prev && prev.closed) {
        const between = t.slice(prev.after, s.open);
        const lastPart = prev.parts[prev.parts.length - 1];
        const endsWithComma = /,\s*$/.test(t.slice(lastPart[1], prev.after - 1)) || /^\s*,/.test(between);
        const firstLetter = t.slice(part[0], part[1]).match(/\p{L}/u)?.[0] ?? '';
        if (
          endsWithComma &&
          LOWER.test(firstLetter) &&
          between.length <= 80 &&
          /,\s*$/.test(between) &&
          !/[.!?]/.test(between) &&
          occs.some((o) => o.start >= prev.after && o.end <= s.open && o.ref)
        ) {
          prev.parts.push(part);
          prev.after = after;
          prev.closed = s.close >= 0;
          continue;
        }
      }
      drafts.push({ parts: [part], open: s.open, after, firstAfter: after, closed: s.close >= 0, para: s.para });
    }
    return drafts;
  }

  /**
   * A fragment inside reporting: the quote opens mid-sentence, and either starts in lower case or follows neither a
   * colon, a comma, "that" nor a speech verb ("said “Iran will…”" is a statement, "a “decisive” battle" a fragment).
   */
  private isPartial(d: Draft, firstWord: number): boolean {
    const t = this.text;
    const para = this.paras[d.para];
    const [ss] = this.sentenceBounds(d.open, para);
    const before = t.slice(ss, d.open).trimEnd();
    if (!before || /[:—–]$/.test(before)) return false;
    const first = t[firstWord] ?? '';
    if (!UPPER.test(first) && !/\p{N}/u.test(first)) return true;
    if (/,$/.test(before)) return false;
    return !/(?:^|[^\p{L}])(?:that|whether)$/u.test(before) && !this.endsWithVerb(before);
  }

  private endsWithVerb(s: string): boolean {
    const tail = s.slice(-40);
    VERB_RE.lastIndex = 0;
    let last: RegExpExecArray | null = null;
    for (let m = VERB_RE.exec(tail); m; m = VERB_RE.exec(tail)) last = m;
    return !!last && last.index + last[0].length === tail.length;
  }

  /** Whether the paragraph holds nothing but quoted words (and punctuation). */
  private wholeQuote(p: number, spans: Span[]): boolean {
    const para = this.paras[p];
    let pos = para.start;
    for (const s of spans) {
      if (ALNUM.test(this.text.slice(pos, s.open))) return false;
      pos = s.close >= 0 ? s.close + 1 : s.contentEnd;
    }
    return !ALNUM.test(this.text.slice(pos, para.end));
  }

  /** The speaker of the previous non-empty paragraph: its last quote's, else its last speech verb's subject. */
  private previousSpeaker(p: number, paraSpeaker: Map<number, Mention | null>): Mention | null {
    let q = p - 1;
    while (q >= 0 && !this.text.slice(this.paras[q].start, this.paras[q].end).trim()) q--;
    if (q < 0) return null;
    if (paraSpeaker.has(q)) return paraSpeaker.get(q)!;
    const occs = this.occurrences(q).filter((o) => o.ref);
    return occs.length ? this.resolve(occs[occs.length - 1].ref!) : null;
  }

  // --- attribution -----------------------------------------------------------------------------------------------------

  /**
   * The attribution of a quote: an attribution phrase right after the closing mark, else the nearest speech verb before
   * the quote in the sentence it opens in, else the nearest after it in the sentence it closes in. Returns undefined when
   * there is none; null when there is one whose speaker cannot be read ("officials said").
   */
  private attribution(d: Draft, occs: Occurrence[]): Ref | null | undefined {
    if (!occs.length) return undefined;
    const t = this.text;
    const para = this.paras[d.para];
    if (d.closed || d.parts.length > 1) {
      for (const o of occs) {
        if (o.phraseStart < d.firstAfter) continue;
        const between = t.slice(d.firstAfter, o.phraseStart);
        // Only punctuation and a written role may come between: `,” Iranian Defense Minister Hossein Dehghan said`.
        if (!/^[\s,.:;—–-]*(?:(?:\p{Lu}[\p{L}’'.\-]*|of|the|for)\s+){0,8}$/u.test(between)) break;
        if (/[.!?]/.test(between) && !this.shortSentence(o, para)) break;
        return o.ref;
      }
    }
    const [ss] = this.sentenceBounds(d.open, para);
    const before = occs.filter((o) => o.start >= ss && o.end <= d.open);
    if (before.length) {
      for (let i = before.length - 1; i >= 0; i--) if (before[i].ref) return before[i].ref;
      return null;
    }
    const [, se] = this.sentenceBounds(Math.max(d.open, d.after - 1), para);
    const after = occs.filter((o) => o.start >= d.after && o.start < se);
    if (after.length) return after.find((o) => o.ref)?.ref ?? null;
    return undefined;
  }

  /** Whether the sentence holding an attribution is only that: `“…” Dehghan said.` */
  private shortSentence(o: Occurrence, para: Para): boolean {
    const [, se] = this.sentenceBounds(o.start, para);
    return se - o.end <= 40;
  }

  /** The speech verbs of a paragraph outside its quotes, each with the speaker it names. */
  private occurrences(p: number): Occurrence[] {
    const cached = this.occCache.get(p);
    if (cached) return cached;
    const para = this.paras[p];
    const spans = this.spansByPara.get(p) ?? [];
    const slice = this.text.slice(para.start, para.end);
    const out: Occurrence[] = [];
    VERB_RE.lastIndex = 0;
    for (let m = VERB_RE.exec(slice); m; m = VERB_RE.exec(slice)) {
      const start = para.start + m.index;
      const end = start + m[0].length;
      if (spans.some((s) => start > s.open && start < (s.close >= 0 ? s.close : s.contentEnd))) continue;
      const [ss] = this.sentenceBounds(start, para);
      let lo = ss;
      for (const s of spans) {
        const e = s.close >= 0 ? s.close + 1 : s.contentEnd;
        if (e <= start && e > lo) lo = e;
      }
      const g = m.groups!;
      let ref: Ref | null = null;
      let phraseStart = start;
      if (g.quoted) {
        const whoStart = start + m[0].indexOf(g.who, 6);
        ref = this.rightRef(whoStart, whoStart + g.who.length);
      } else if (g.acc) {
        ref = this.rightRef(end, para.end);
      } else if (g.part && !/(?:^|[^\p{L}])(?:be|been|is|are|was|were|am)\s+$/u.test(this.text.slice(Math.max(lo, start - 8), start))) {
        // The subject of the clause: that of the speech verb before it in the sentence, else the sentence's subject.
        const prev = out.length && out[out.length - 1].start >= ss ? out[out.length - 1] : undefined;
        ref = prev ? prev.ref : this.firstRef(ss, start, spans);
      } else {
        const left = this.leftRef(start, lo);
        if (left) {
          ref = left;
          phraseStart = left.pos;
        } else {
          const p0 = this.skipSpacesBack(start, lo);
          if (p0 <= lo || ',”"’»'.includes(this.text[p0 - 1])) ref = this.rightRef(end, para.end);
        }
      }
      out.push({ start, end, phraseStart, ref });
    }
    this.occCache.set(p, out);
    return out;
  }

  private skipSpacesBack(i: number, lo: number): number {
    while (i > lo && SPACE.test(this.text[i - 1])) i--;
    return i;
  }

  /** Start of the word (letters, digits, apostrophes, hyphens, dots) that ends at `i`. */
  private wordStartBack(i: number, lo: number): number {
    let j = i;
    while (j > lo && /[\p{L}\p{N}’'.\-]/u.test(this.text[j - 1])) j--;
    return j;
  }

  /** Steps back over words that may stand between a subject and its verb. */
  private skipFillers(i: number, lo: number): number {
    let p = this.skipSpacesBack(i, lo);
    for (let k = 0; k < 5; k++) {
      const ws = this.wordStartBack(p, lo);
      if (ws === p) break;
      const w = this.text.slice(ws, p);
      const adverb = /^\p{Ll}+ly$/u.test(w) && !NOT_ADVERBS.has(w);
      if (!adverb && !FILLERS.has(w) && !DAYS.test(w)) break; // "Dehqan on Thursday said"
      p = this.skipSpacesBack(ws, lo);
    }
    return p;
  }

  /** The subject written right before a speech verb at `v`, not reaching before `lo`. */
  private leftRef(v: number, lo: number, parenthetical = true): Ref | null {
    const t = this.text;
    const p = this.skipFillers(v, lo);
    if (p <= lo) return null;
    const m = this.covering(p - 1);
    if (m) return { kind: 'mention', mention: m, pos: m.start };
    const ws = this.wordStartBack(p, lo);
    const word = t.slice(ws, p).toLowerCase();
    const pronoun = PRONOUNS.get(word);
    if (pronoun !== undefined && word !== 'him' && word !== 'her' && word !== 'them') return { kind: 'pronoun', person: pronoun, pos: ws };
    const w0 = Math.max(lo, p - 120);
    const win = t.slice(w0, p);
    const d = DESC_END_RE.exec(win);
    if (d) return this.descRef(d, w0 + d.index);
    const st = STATEMENT_END_RE.exec(win);
    if (st) {
      const sm = this.covering(w0 + st.index);
      if (sm) return { kind: 'mention', mention: sm, pos: sm.start };
    }
    if (parenthetical && t[p - 1] === ',') {
      // "Hossein Dehghan, for his part, said"
      for (let c = p - 2; c >= Math.max(lo, p - 100); c--) {
        const ch = t[c];
        if ('.;“”"«»'.includes(ch)) break;
        if (ch === ',') return this.leftRef(c, lo, false);
      }
    }
    return null;
  }

  /** The speaker named right after `i` (an inverted subject): skips a written role, stops at anything else. */
  private rightRef(i: number, end: number): Ref | null {
    const t = this.text;
    let j = i;
    for (let k = 0; k < 9 && j < end; k++) {
      while (j < end && SPACE.test(t[j])) j++;
      if (j >= end) break;
      const m = this.covering(j);
      if (m) {
        // "said World Wildlife Fund chief scientist Dr. Eric Dinerstein": the person, not the organisation.
        const who = m.type === 'organization' ? this.personAfter(m.end, end) : null;
        return { kind: 'mention', mention: who ?? m, pos: m.start };
      }
      let we = j;
      while (we < end && /[\p{L}\p{N}’'.\-]/u.test(t[we])) we++;
      if (we === j) break;
      const word = t.slice(j, we);
      const lw = word.toLowerCase();
      const pronoun = PRONOUNS.get(lw);
      if (pronoun !== undefined) return { kind: 'pronoun', person: pronoun, pos: j };
      if (lw === 'the') {
        const d = DESC_START_RE.exec(t.slice(j, Math.min(end, j + 80)));
        if (d) return this.descRef(d, j);
      }
      if (!(UPPER.test(word[0]) || lw === 'of' || lw === 'the' || lw === 'for')) break;
      j = we;
    }
    return null;
  }

  /** A person named within a few words after `i` (a role between, no punctuation but dots), not reaching `end`. */
  private personAfter(i: number, end: number): Mention | null {
    for (let k = lowerBound(this.speakerStarts, i); k < this.speakers.length; k++) {
      const m = this.speakers[k];
      if (m.start >= end || m.start - i > 60) return null;
      if (m.type !== 'person') continue;
      const gap = this.text.slice(i, m.start);
      return /^[\s\p{L}.’'\-]*$/u.test(gap) && gap.trim().split(/\s+/).length <= 6 ? m : null;
    }
    return null;
  }

  private descRef(d: RegExpExecArray, pos: number): Ref {
    const noun = d[2].toLowerCase().replace(/\s+/g, ' ');
    const mods = d[1].split(/\s+/).filter(Boolean).map((w) => w.toLowerCase());
    return { kind: 'desc', keys: ROLE_NOUNS[noun] ?? [noun], mods, pos };
  }

  /** The first speaker named as a subject in [from, to) outside quotes: a person or organisation, or "he"/"she". */
  private firstRef(from: number, to: number, spans: Span[]): Ref | null {
    const inside = (x: number) => spans.some((s) => x > s.open && x < (s.close >= 0 ? s.close : s.contentEnd));
    let i = lowerBound(this.speakerStarts, from);
    let best: Ref | null = null;
    for (; i < this.speakers.length && this.speakers[i].start < to; i++) {
      if (!inside(this.speakers[i].start) && this.subjectLike(this.speakers[i])) {
        best = { kind: 'mention', mention: this.speakers[i], pos: this.speakers[i].start };
        break;
      }
    }
    const re = /(?<![\p{L}])(?:he|she|He|She)(?![\p{L}])/gu;
    const slice = this.text.slice(from, best ? best.pos : to);
    for (let m = re.exec(slice); m; m = re.exec(slice)) {
      if (!inside(from + m.index)) return { kind: 'pronoun', person: true, pos: from + m.index };
    }
    return best;
  }

  /** The person or organisation mention that covers offset `i`. */
  private covering(i: number): Mention | null {
    const k = upperBound(this.speakerStarts, i) - 1;
    // Mentions may nest (an organisation inside a longer name): look back a little.
    for (let j = k; j >= 0 && j >= k - 3; j--) {
      const m = this.speakers[j];
      if (m.start <= i && i < m.end) return m;
    }
    return null;
  }

  // --- resolution --------------------------------------------------------------------------------------------------------

  private resolve(ref: Ref): Mention | null {
    if (ref.kind === 'mention') return ref.mention;
    if (ref.kind === 'pronoun' && !ref.person) return null;
    const key = `${ref.kind}:${ref.pos}`;
    if (this.resolved.has(key)) return this.resolved.get(key)!;
    const out = ref.kind === 'pronoun' ? this.antecedent(ref.pos) : this.described(ref.pos, ref.keys, ref.mods);
    this.resolved.set(key, out);
    return out;
  }

  private insideQuote(x: number): boolean {
    let lo = 0;
    let hi = this.spans.length - 1;
    // Spans are sorted by paragraph, then by opening mark, and never overlap.
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const s = this.spans[mid];
      const e = s.close >= 0 ? s.close : s.contentEnd;
      if (x <= s.open) hi = mid - 1;
      else if (x >= e) lo = mid + 1;
      else return true;
    }
    return false;
  }

  /** Person mentions before `pos`, nearest first, skipping names inside quotes. */
  private *personsBefore(pos: number): Generator<Mention> {
    for (let i = lowerBound(this.personStarts, pos) - 1; i >= 0; i--) {
      const m = this.persons[i];
      if (m.end > pos || this.insideQuote(m.start)) continue;
      yield m;
    }
  }

  /**
   * "he"/"she": the nearest preceding person. Within the pronoun's paragraph and the one before, a person who is the
   * subject of a clause ("Assad made the remarks…", "said Dehghan") is preferred to one named in passing ("…a meeting
   * with Hossein Jaberi Ansari and his delegation").
   */
  private antecedent(pos: number): Mention | null {
    const p = this.paraAt(pos);
    let q = p - 1;
    while (q >= 0 && !this.text.slice(this.paras[q].start, this.paras[q].end).trim()) q--;
    const floor = q >= 0 ? this.paras[q].start : this.paras[p].start;
    let nearest: Mention | null = null;
    for (const m of this.personsBefore(pos)) {
      nearest ??= m;
      if (m.start < floor) break;
      if (this.subjectLike(m)) return m;
    }
    return nearest;
  }

  private subjectLike(m: Mention): boolean {
    const para = this.paras[this.paraAt(m.start)];
    const after = this.text.slice(m.end, Math.min(para.end, m.end + 100));
    if (SUBJECT_AFTER_RE.test(after)) return true;
    const before = this.text.slice(Math.max(para.start, m.start - 100), m.start);
    return INVERTED_BEFORE_RE.test(before);
  }

  /** "the minister": the nearest preceding person whose role has that word (best matching the description's other words). */
  private described(pos: number, keys: string[], mods: string[]): Mention | null {
    const stems = mods.filter((w) => w.length > 2).map(stem);
    let best: Mention | null = null;
    let bestScore = -1;
    for (const m of this.personsBefore(pos)) {
      const role = (m.role ?? '').toLowerCase();
      if (!keys.some((k) => role.includes(k))) continue;
      const hay = `${role} ${m.text.toLowerCase()}`;
      const score = stems.filter((s) => hay.includes(s)).length;
      if (score > bestScore) {
        best = m;
        bestScore = score;
      }
    }
    return best ?? this.antecedent(pos);
  }

  // --- positions ---------------------------------------------------------------------------------------------------------

  private paraAt(pos: number): number {
    let lo = 0;
    let hi = this.paras.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.paras[mid].start <= pos) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  private sentenceAt(pos: number): number {
    const k = upperBound(this.sentStarts, pos) - 1;
    return k >= 0 ? this.sentences[k].index : 0;
  }

  /** The bounds of the sentence holding `pos`, clipped to its paragraph (the paragraph when sentences do not say). */
  private sentenceBounds(pos: number, para: Para): [number, number] {
    const k = upperBound(this.sentStarts, pos) - 1;
    if (k < 0) return [para.start, para.end];
    const start = Math.max(para.start, this.sentences[k].start);
    const end = k + 1 < this.sentences.length ? Math.min(para.end, Math.max(pos + 1, this.sentences[k + 1].start)) : para.end;
    return [start, end];
  }
}

/** "Iranian" → "iran", "Syrian" → "syri", "defense" → "defense": enough to find the country in "Iran’s". */
function stem(w: string): string {
  const m = /^(.{4,}?)(?:ian|ean|an|ese|ish|i)$/.exec(w);
  return m ? m[1] : w;
}

/** First index whose value is ≥ x. */
function lowerBound(a: number[], x: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (a[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
/** First index whose value is > x. */
function upperBound(a: number[], x: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (a[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

// ---------------------------------------------------------------------------------------------------------------------
// mergeQuotes

/** Fold for comparison: lower case, no diacritics, hyphens and apostrophes removed (cease-fire = ceasefire). */
export function quoteTokens(text: string): string[] {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[-‐‑’'‘`´]/g, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

/** Snowball English stop words, folded like quote words ("don't" → "dont"). */
const STOP_WORDS = new Set(loadJson<{ en: string[] }>('stopwords.json').en.flatMap(quoteTokens));

const NEGATIONS = new Set([
  'not', 'no', 'never', 'nor', 'neither', 'none', 'nothing', 'cannot', 'dont', 'doesnt', 'didnt', 'wont', 'cant',
  'isnt', 'arent', 'wasnt', 'werent', 'shouldnt', 'wouldnt', 'couldnt', 'hasnt', 'havent', 'hadnt',
]);

/** Speaker names as word sets, cached: merging compares the same few names many times. */
const nameCache = new Map<string, string[]>();
function nameTokens(name: string): string[] {
  let t = nameCache.get(name);
  if (!t) {
    t = name.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
    if (nameCache.size > 10_000) nameCache.clear();
    nameCache.set(name, t);
  }
  return t;
}

/** "Dehghan" and "Hossein Dehghan" are the same speaker; "Dehghan" and "Shoigu" are not. */
function sameSpeaker(a: string, b: string): boolean {
  if (a === b) return true;
  const ta = nameTokens(a);
  const tb = nameTokens(b);
  const [short, long] = ta.length <= tb.length ? [ta, tb] : [tb, ta];
  return short.length > 0 && short.every((w) => long.includes(w));
}

interface Item {
  index: number;
  seq: string[];
  set: Set<string>;
  /** Weight of each token of `seq`. */
  weights: Float64Array;
  total: number;
  joined: string;
  negated: boolean;
  speaker: string | null;
}

/** Share of `a`'s weight that must be found, in order, in `b`. */
const CONTAINMENT = 0.8;
/**
 * Candidates compared with one quote at most: past this many earlier quotes sharing its rarest words (copies of one
 * statement counted once), one of them is the statement it belongs to, and comparing on would make the cost grow with
 * the square of the number of quotes.
 */
const MAX_CANDIDATES = 500;
/** Larger alignments than this (tokens × tokens) are judged on the unordered bound alone. */
const MAX_CELLS = 250_000;

/**
 * One Quote per statement. Quotes are compared on folded words (case, diacritics, hyphens, apostrophes and punctuation
 * ignored) weighted by rarity (idf; stop words count a fifth), so that shared common words do not make two statements
 * alike. A shorter quote of five words or more joins a longer one when 80% of its weight is found in it in the same
 * order, and 80% of its words (a word dropped or added, a clause cut); one of three or four words only when it stands in it word for word;
 * one or two words only when equal (“terrorism” quoted in one sentence is not the statement that ends in it). A quote
 * and its negation ("we do not agree") stay apart unless one is a verbatim cut of the other.
 *
 * Items go longest first to the best-matching group so far. Candidates come from an index of words, probed with an
 * item's heaviest words only (prefix filtering: a quote missing all of them misses more than 20% of its weight), so
 * the cost follows the number of near matches, not the number of pairs. Two items whose speakers are both named and
 * differ are never merged, so a group has one speaker (spelt one or more ways).
 */
export function mergeQuotes(items: AttributedQuote[]): Quote[] {
  const seqs = items.map((it) => quoteTokens(it.quote.text));
  const df = new Map<string, number>();
  for (const seq of seqs) for (const w of new Set(seq)) df.set(w, (df.get(w) ?? 0) + 1);
  const n = items.length;
  const weightOf = (w: string) => (STOP_WORDS.has(w) ? 0.2 : 1) * Math.log(1 + n / df.get(w)!);
  const all: Item[] = items.map((it, index) => {
    const seq = seqs[index];
    const weights = Float64Array.from(seq, weightOf);
    return {
      index,
      seq,
      set: new Set(seq),
      weights,
      total: weights.reduce((a, b) => a + b, 0),
      joined: ` ${seq.join(' ')} `,
      negated: seq.some((w) => NEGATIONS.has(w)),
      speaker: it.speaker?.name ?? null,
    };
  });

  const order = [...all].sort((a, b) => b.seq.length - a.seq.length || a.index - b.index);
  const groupOf = new Int32Array(n).fill(-1);
  const groups: Array<{ members: number[]; speakers: Set<string> }> = [];
  const postings = new Map<string, number[]>();
  // The same words from the same speaker (a quote every outlet prints, a line repeated down a page) go where the
  // first of them went: it scores highest with its twin (3: the same words), so that is where the search would lead,
  // and each copy is left out of the index, where it would only be one more candidate scoring what its twin scores.
  // Without this, a thousand copies of one quote were a million comparisons.
  const placedTwin = new Map<string, number>();

  for (const it of order) {
    const twinKey = it.set.size ? `${it.speaker ?? ''}\u0000${it.joined}` : null;
    const twin = twinKey === null ? undefined : placedTwin.get(twinKey);
    if (twin !== undefined) {
      groups[twin].members.push(it.index);
      groupOf[it.index] = twin;
      continue;
    }
    let best = -1;
    let bestScore = 0;
    if (it.set.size) {
      const heavy = [...it.set].map((w) => [w, weightOf(w)] as const).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
      const setTotal = heavy.reduce((a, [, x]) => a + x, 0);
      const seen = new Set<number>();
      let acc = 0;
      probe: for (const [w, x] of heavy) {
        for (const j of postings.get(w) ?? []) {
          if (seen.has(j)) continue;
          if (seen.size >= MAX_CANDIDATES) break probe;
          seen.add(j);
          const g = groupOf[j];
          if (it.speaker && [...groups[g].speakers].some((sp) => !sameSpeaker(sp, it.speaker!))) continue;
          const score = similarity(it, all[j]);
          if (score > bestScore) {
            bestScore = score;
            best = g;
          }
        }
        acc += x;
        if (acc > (1 - CONTAINMENT) * setTotal) break;
      }
    }
    if (best < 0) {
      best = groups.length;
      groups.push({ members: [], speakers: new Set() });
    }
    groups[best].members.push(it.index);
    if (it.speaker) groups[best].speakers.add(it.speaker);
    groupOf[it.index] = best;
    if (twinKey !== null) placedTwin.set(twinKey, best);
    for (const w of it.set) {
      let list = postings.get(w);
      if (!list) postings.set(w, (list = []));
      list.push(it.index);
    }
  }

  const quotes = groups.map((g) => {
    const members = g.members.sort((a, b) => a - b);
    // Sets keep their order of insertion: the articles and variants in reading order, each once, in one pass.
    const articleSet = new Set<string>();
    const variantSet = new Set<string>();
    const names = new Map<string, number>();
    for (const i of members) {
      const it = items[i];
      articleSet.add(it.article);
      variantSet.add(it.quote.text.trim());
      if (it.speaker) names.set(it.speaker.name, (names.get(it.speaker.name) ?? 0) + 1);
    }
    const articles = [...articleSet];
    const variants = [...variantSet];
    let speaker: string | null = null;
    for (const [name, count] of names) if (!speaker || count > names.get(speaker)!) speaker = name;
    const roles = new Map<string, number>();
    for (const i of members) {
      const sp = items[i].speaker;
      if (sp && sp.name === speaker && sp.role) roles.set(sp.role, (roles.get(sp.role) ?? 0) + 1);
    }
    let speakerRole: string | null = null;
    for (const [role, count] of roles) if (!speakerRole || count > roles.get(speakerRole)!) speakerRole = role;
    const text = variants.reduce((a, b) => (b.length > a.length ? b : a));
    return { first: members[0], quote: { text, speaker, speakerRole, articles, variants } satisfies Quote };
  });
  return quotes.sort((a, b) => a.first - b.first).map((q) => q.quote);
}

/** How well `a` (with no more words than `b`) matches `b`; 0 when they are not the same statement. */
function similarity(a: Item, b: Item): number {
  if (a.joined === b.joined) return 3;
  const len = a.seq.length;
  const ratio = len / b.seq.length;
  if (len < 5) {
    if (!b.joined.includes(a.joined)) return 0;
    if (len < 3) return 0; // equal texts were matched above
    return 1 + ratio;
  }
  if (a.negated !== b.negated && !b.joined.includes(a.joined)) return 0; // "we agree" is not "we do not agree"
  // Unordered bound first (cheap), then the ordered alignment.
  let found = 0;
  let count = 0;
  for (let i = 0; i < len; i++) {
    if (!b.set.has(a.seq[i])) continue;
    found += a.weights[i];
    count++;
  }
  // By weight and by count: "I am against the regime" is not found in "…violence against … the regime" on weight alone.
  if (found < CONTAINMENT * a.total || count < CONTAINMENT * len) return 0;
  if (len * b.seq.length <= MAX_CELLS) {
    found = weightedLcs(a, b);
    if (found < CONTAINMENT * a.total) return 0;
  }
  return found / a.total + ratio;
}

/** The heaviest common subsequence of a.seq and b.seq, weighted by a's token weights. */
function weightedLcs(a: Item, b: Item): number {
  const m = b.seq.length;
  let prev = new Float64Array(m + 1);
  let cur = new Float64Array(m + 1);
  for (let i = 1; i <= a.seq.length; i++) {
    const w = a.seq[i - 1];
    const x = a.weights[i - 1];
    for (let j = 1; j <= m; j++) {
      cur[j] = w === b.seq[j - 1] ? prev[j - 1] + x : Math.max(prev[j], cur[j - 1]);
    }
    [prev, cur] = [cur, prev];
  }
  return prev[m];
}
