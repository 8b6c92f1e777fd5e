// The event's headline and its extractive summary. Each summary sentence cites every article that says the same
// (the sentence's "support"), so a reader can check it; copies of one wire report cite, but count as one source.
//
// A sentence's score is the product of named features, each explained where it is defined:
//   centrality × agreement × position × entities × date × form
// Sentences are then taken best first, skipping any that repeats one already taken, until the word budget is spent,
// lightly compressed (src/summarize/compress.ts), and put in the order things happened.
import type { Article, Citation, DateMention, Entity, Sentence, SummarySentence } from '../model.js';
import { compressSentence } from '../text/compress.js';
import { composeHeadline, fitWords, HEADLINE_MIN, HEADLINE_WORDS, sentenceCase, type HeadlineDay } from './headline.js';
import { hasFiniteVerb } from '../text/shorten.js';
import { SentenceSpace, countWords, denseCosine, sparseCosine, type SpaceSentence } from '../text/index.js';

export { compressSentence, COMPRESSION_RULES } from '../text/compress.js';
export { composeHeadline, spellDay, sentenceCase, withoutDays, HEADLINE_WORDS, HEADLINE_AIM, HEADLINE_MIN } from './headline.js';
export { shortenTo, hasFiniteVerb, clauseCuts } from '../text/shorten.js';

export interface SummaryOptions {
  /** The summary's length in words at most (default 120); it is shorter when the event says less. */
  words?: number;
  /** Article id → the earliest version it copies: copies cite, but do not count as independent agreement. */
  duplicateOf?: ReadonlyMap<string, string>;
}

/** What the summariser reads of an event: its articles in reading order (with mentions and dates), and more. */
export interface EventForSummary {
  articles: Article[];
  /** `sentences[a]` are the sentences of `articles[a]`. */
  sentences: Sentence[][];
  entities: Entity[];
  /** The day the event happened, when known. */
  date: string | null;
  /** The event's sentence space, when the caller has built it (the compare stage reads the same one). */
  space?: SentenceSpace;
}

export const DEFAULT_SUMMARY_WORDS = 120;
/** A sentence of fewer words is a fragment (a heading, a caption); one of more is a run-on. */
const MIN_WORDS = 8;
const MAX_WORDS = 60;
/** A candidate this similar to a chosen sentence repeats it. */
const REDUNDANCY = 0.3;
/** The event's most named entities: a sentence naming them is about the event. */
const KEY_ENTITIES = 8;

/**
 * Agreement: the more independent sources carry a sentence's content, the more it is the event's core and the less
 * it is one outlet's angle. Sources are outlets (articles when the outlet is unknown); a copy counts as its original.
 * Logarithmic: the fifth outlet adds less than the second.
 */
function agreement(sources: number): number {
  return 1 + 0.5 * Math.log1p(sources);
}

/** Position: the lede says what happened; later paragraphs give background and reaction. */
function position(index: number): number {
  return index === 0 ? 1 : Math.max(0.6, 1 - 0.08 * index);
}

/** Entities: naming the event's key people, organisations and places marks a sentence about this event. */
function entityWeight(named: number): number {
  return 1 + 0.1 * Math.min(named, 4);
}

/** Date: a sentence that says when (a day) is the kind a reader of a summary needs. */
function dateWeight(days: number): number {
  return days ? 1.1 : 1;
}

/**
 * A sentence that opens by pointing at news the summary does not carry: "The funeral comes as …", "The move came
 * after …", "This follows …", "It was the second such attack …". Its subject is the sentence before it.
 */
export const DANGLING_OPENING =
  /^(?:The|These|Those|Its)\s+(?:(?!said\b|says\b)[\p{L}-]+\s+){1,3}?(?:comes?|came|follows?|followed|marks?|marked)\s+(?:as|after|amid|just|only|days?|hours?|weeks?|a (?:day|week|month)|less than|more than|the (?:same|first|second|third|latest))\b|^(?:This|That|It)\s+(?:comes?|came|follows?|followed)\b|^(?:It|This|That)\s+(?:is|was)\s+the\s+(?:second|third|fourth|latest|first|fifth)\s+(?:such|time)\b/u;

/**
 * Form: sentences that cannot stand alone or are not reporting. A question asks rather than tells (excluded); a
 * sentence opening on a pronoun or a demonstrative points at one the summary may not carry; first person outside a
 * quotation is a column or a transcript; a sentence that is mostly quotation is someone's words rather than the facts.
 */
function form(text: string): number {
  if (/\?["”’]?$/.test(text) || DANGLING_OPENING.test(text) || HEADLINE_CHROME.test(text)) return 0;
  let w = 1;
  if (/^(?:He|She|It|They|This|That|These|Those|His|Her|Their|Its)\b/.test(text)) w *= 0.7;
  const unquoted = text.replace(/["“][^"“”]*["”]/g, '');
  if (/\b(?:I|we|We|my|our|Our|you|You)\b/.test(unquoted)) w *= 0.6;
  if (unquoted.length < text.length * 0.4) w *= 0.85;
  return w;
}

export interface ScoredSentence {
  /** Index into the space's sentences. */
  index: number;
  item: SpaceSentence;
  score: number;
  citations: Citation[];
  /** Independent sources that carry it, its own included. */
  sources: number;
  /** Day-precision dates written in it. */
  dates: DateMention[];
}

/** The source a report stands for: its outlet, or itself; a copy stands for its original's source. */
function sourceKey(articles: Article[], duplicateOf: ReadonlyMap<string, string> | undefined) {
  const byId = new Map(articles.map((a) => [a.id, a]));
  return (id: string): string => {
    const original = duplicateOf?.get(id) ?? id;
    const outlet = byId.get(original)?.outlet ?? byId.get(id)?.outlet;
    return outlet ? `outlet:${outlet}` : `article:${original}`;
  };
}

/**
 * How many sentences, best by everything but agreement, are looked up for support. Agreement multiplies a score by
 * at most about 3 and central content is what many outlets carry anyway, so the support of the rest could not lift them
 * into a summary of a few sentences; skipping their lookups keeps a 100-article event fast.
 */
const SUPPORT_LOOKUPS = 200;

/** Scores every usable sentence of the space, best first. */
export function scoreSentences(space: SentenceSpace, entities: Entity[], duplicateOf?: ReadonlyMap<string, string>): ScoredSentence[] {
  const { articles } = space;
  const source = sourceKey(articles, duplicateOf);
  const key = new Set(entities.slice(0, KEY_ENTITIES).map((e) => e.name));
  const namedIn = articles.map((a) => {
    const bySentence = new Map<number, Set<string>>();
    for (const m of a.mentions ?? []) if (m.entity && key.has(m.entity)) bySentence.set(m.sentence, (bySentence.get(m.sentence) ?? new Set()).add(m.entity));
    return bySentence;
  });
  const datesIn = articles.map((a) => {
    const bySentence = new Map<number, DateMention[]>();
    for (const d of a.dates ?? []) if (d.precision === 'day' && d.date) bySentence.set(d.sentence, [...(bySentence.get(d.sentence) ?? []), d]);
    return bySentence;
  });
  const out: ScoredSentence[] = [];
  space.sentences.forEach((item, index) => {
    if (item.words < MIN_WORDS || item.words > MAX_WORDS) return;
    const f = form(item.sentence.text);
    if (!f) return;
    const dates = datesIn[item.article].get(item.sentence.index) ?? [];
    const score =
      denseCosine(item.vector, space.centre) *
      position(item.sentence.index) *
      entityWeight(namedIn[item.article].get(item.sentence.index)?.size ?? 0) *
      dateWeight(dates.length) *
      f;
    out.push({ index, item, score, citations: [{ article: articles[item.article].id, sentence: item.sentence.index }], sources: 1, dates });
  });
  out.sort((x, y) => y.score - x.score || x.index - y.index);
  const top = out.slice(0, SUPPORT_LOOKUPS);
  const supportOf = space.supportOf(top.map((c) => c.index));
  for (const c of top) {
    const support = supportOf.get(c.index) ?? [];
    c.citations.push(...support.map(({ article, sentence }) => ({ article, sentence })));
    c.sources = new Set(c.citations.map((x) => source(x.article))).size;
    c.score *= agreement(c.sources - 1);
  }
  return out.sort((x, y) => y.score - x.score || x.index - y.index);
}

/** Best first, skipping repeats, until `words` are spent (a sentence that would overrun is passed over). */
export function selectSentences(scored: ScoredSentence[], words: number, taken: ScoredSentence[] = []): ScoredSentence[] {
  const chosen: ScoredSentence[] = [];
  let used = 0;
  for (const c of scored) {
    if (used >= words) break;
    if (used + c.item.words > words && chosen.length) continue;
    const all = [...taken, ...chosen];
    if (all.some((k) => sparseCosine(k.item.vector, c.item.vector) >= REDUNDANCY || k.citations.some((x) => x.article === c.citations[0].article && x.sentence === c.citations[0].sentence))) continue;
    chosen.push(c);
    used += c.item.words;
  }
  return chosen;
}

/** When a sentence's content happened: the earliest day it names, else its article's publication date. */
function timeOf(c: ScoredSentence, articles: Article[]): string {
  const days = c.dates.map((d) => d.date!).sort();
  return days[0] ?? articles[c.item.article].published ?? '9999';
}

/** Reading order: what happened first comes first; within one day, the earlier report, then the lede before the rest. */
export function chronological(chosen: ScoredSentence[], articles: Article[]): ScoredSentence[] {
  return [...chosen].sort(
    (x, y) => timeOf(x, articles).localeCompare(timeOf(y, articles)) || x.item.article - y.item.article || x.item.sentence.index - y.item.sentence.index,
  );
}

/**
 * A sentence or title holding a page's chrome cannot head an event: a time zone or "last updated" (a timestamp), a
 * "Posted:" label, a byline ("By Jane Marlow" opening it or after a bar), a photo credit or caption label, a copyright
 * line, a bar (a site's menu or a title's site name), or a reader's comment ("beijing_2008 wrote: …").
 */
export const HEADLINE_CHROME = /\b(?:GMT|BST|EST|EDT|PST|PDT|UTC)\b|[Ll]ast updated|\b(?:[Pp]osted|[Uu]pdated|[Pp]ublished|[Ff]iled)\s*(?:at|on)?\s*:|(?:^|\|\s*)By\s+(?:the\s+)?\p{Lu}|\b(?:Photo|Picture|Image|Video)s?\s*:|©|\bCopyright\b|\|| wrote:|\bThis comment (?:was|has been) removed/u;

/** How a photo's caption speaks of what it shows ("Dr Murray, shown here in February, joined …", "Alberto Alvarez,
 * left, testified …"): a caption, not the lede, though it reads as one. */
export const CAPTION_SPEECH = /,\s+(?:shown|pictured|seen)\s+(?:here|above|below|left|right|in\s+\d{4}|in\s+(?:January|February|March|April|May|June|July|August|September|October|November|December))\b|\((?:pictured|L|R|C|left|right|centre|center)\)|,\s+(?:left|right|centre|center|second\s+(?:left|right)),\s/;

/** How many of the best lede sentences are tried before the headline falls back to cutting one to length. */
const HEADLINE_TRIES = 12;

/**
 * The headline's sentences, best first: the best-scored sentences that read as a lede — among the first three of
 * their article, not mostly quotation, naming a place and someone or something the event is about, and saying when;
 * no chrome.
 */
function headlineSentences(scored: ScoredSentence[], articles: Article[]): ScoredSentence[] {
  const kinds = articles.map((a) => {
    const bySentence = new Map<number, Set<string>>();
    for (const m of a.mentions ?? []) bySentence.set(m.sentence, (bySentence.get(m.sentence) ?? new Set()).add(m.type));
    return bySentence;
  });
  const ranked: { c: ScoredSentence; s: number }[] = [];
  for (const c of scored) {
    const types = kinds[c.item.article].get(c.item.sentence.index) ?? new Set();
    const text = c.item.sentence.text;
    if (HEADLINE_CHROME.test(text) || CAPTION_SPEECH.test(text)) continue;
    const quoted = /^["“]/.test(text) || (text.match(/["“”]/g)?.length ?? 0) >= 4;
    const s =
      c.score *
      (c.item.sentence.index < 3 ? 1.5 : 1) *
      (types.has('place') ? 1.3 : 1) *
      (types.has('person') || types.has('organization') ? 1.2 : 1) *
      (c.dates.length ? 1.2 : 1) *
      (quoted ? 0.4 : 1);
    ranked.push({ c, s });
  }
  return ranked.sort((x, y) => y.s - x.s || x.c.index - y.c.index).map((r) => r.c);
}

/** The reports' titles, each once, closest to the event's centre first; `byOutlet`: an outlet wrote it (given, in the
 * page's metadata, or its headline line), not a lede taken as a label. */
function rankedTitles(space: SentenceSpace, articles: Article[]): Array<{ title: string; byOutlet: boolean }> {
  const byOutlet = new Map<string, boolean>();
  for (const a of articles) if (a.title) byOutlet.set(a.title, (byOutlet.get(a.title) ?? false) || a.titleFrom !== 'lede');
  return [...byOutlet]
    .map(([title, outlet]) => ({ title, byOutlet: outlet, centrality: denseCosine(space.vectorOf(title), space.centre) }))
    .sort((x, y) => y.centrality - x.centrality || x.title.localeCompare(y.title));
}

/**
 * The title that heads the event best, as a headline sentence: the titles closest to the event's centre (the
 * outlets' own unless `label`), each in sentence case, a section label before a colon dropped ("Syria crisis: Ex-PM
 * says …"), of 6–20 words with a verb of its own (unless `label`) and no chrome; null when none qualifies.
 */
function headlineTitle(titles: Array<{ title: string; byOutlet: boolean }>, texts: string[], label: boolean): string | null {
  for (const { title: full, byOutlet } of titles) {
    if (!label && !byOutlet) continue;
    // "Turkey confirms first case of swine flu * Virus detected in traveller": a title and its deck.
    const t = full.split(/\s+[*•]\s+/)[0];
    if (HEADLINE_CHROME.test(t) || /\?["”’]?$/.test(t) || /^["“]/.test(t)) continue;
    const labelled = /^[^:]{3,40}:\s+(\S.*)$/u.exec(t);
    const sentence = compressSentence(sentenceCase(labelled && hasFiniteVerb(labelled[1]) ? labelled[1][0].toUpperCase() + labelled[1].slice(1) : t, texts));
    const words = countWords(sentence);
    if (words >= HEADLINE_MIN && words <= HEADLINE_WORDS && (label || hasFiniteVerb(sentence))) return sentence;
  }
  return null;
}

/**
 * The headline: the best lede sentence made a headline (composeHeadline); when it cannot be (too long to cut at a
 * clause, no verb), the outlets' title closest to the event; then the next ledes; last, the best lede cut to length.
 */
function eventHeadline(scored: ScoredSentence[], space: SentenceSpace, event: EventForSummary): string {
  const { articles, entities, date } = event;
  const people = entities.filter((e) => e.type === 'person');
  const ledes = headlineSentences(scored, articles).slice(0, HEADLINE_TRIES);
  const compose = (c: ScoredSentence) => {
    const a = articles[c.item.article];
    const when: HeadlineDay = { day: date, dated: a.publishedFrom === 'given' || a.publishedFrom === 'metadata' };
    const dates = (a.dates ?? []).filter((d) => d.sentence === c.item.sentence.index);
    return composeHeadline(c.item.sentence.text, dates, people, when);
  };
  const first = ledes.length ? compose(ledes[0]) : null;
  if (first) return first;
  const titles = rankedTitles(space, articles);
  const texts = articles.slice(0, 20).map((a) => a.text);
  const title = headlineTitle(titles, texts, false);
  if (title) return title;
  for (const c of ledes.slice(1)) {
    const h = compose(c);
    if (h) return h;
  }
  // None reads as a headline: any title, the lede's first sentence taken as a label included, then the best lede cut
  // to length, then (a feed of headlines, nothing long enough to be a lede) the first sentence.
  const label = headlineTitle(titles, texts, true);
  if (label) return label;
  if (ledes.length) return fitWords(compressSentence(ledes[0].item.sentence.text), HEADLINE_WORDS);
  return fitWords(compressSentence(titles[0]?.title ?? event.sentences.flat()[0]?.text ?? ''), HEADLINE_WORDS);
}

export function summarizeEvent(event: EventForSummary, options: SummaryOptions = {}): { headline: string; summary: SummarySentence[] } {
  const { articles, sentences, entities } = event;
  const space = event.space ?? new SentenceSpace(articles, sentences);
  const scored = scoreSentences(space, entities, options.duplicateOf);
  const chosen = chronological(selectSentences(scored, options.words ?? DEFAULT_SUMMARY_WORDS), articles);
  const summary = chosen.map((c) => ({ text: compressSentence(c.item.sentence.text), citations: c.citations }));

  return { headline: eventHeadline(scored, space, event), summary };
}
