// What the clusterer compares: an article's words (title counted twice: it states the story), the names it writes
// (people by their surname as transliteration folds it, places and organisations by their canonical name), the
// numbers it gives (ages, tolls, times, house numbers: what tells one shooting from the next), its title alone, and
// its day.
import type { Article, Sentence } from '../model.js';
import { contentTokens, foldedName } from '../text/index.js';
import type { NameMention } from '../understand/index.js';
import { lookupAlias, PLACES } from '../understand/lexicon.js';

export interface ArticleFeatures {
  id: string;
  /** Days since 1970-01-01 of the article's publication (else of the latest full date it writes), null when undated. */
  day: number | null;
  /** Term → count. Names are terms too, prefixed `=`, so one vector carries both. */
  terms: Map<string, number>;
  /** People named (by folded surname) → how many times: who acts is what tells one event from another. */
  actors: Map<string, number>;
  /** The title's words (site names cut off), when the article has a title. */
  title?: Map<string, number>;
  /** Places named (`=`-keys, as in `terms`) → how many times. */
  places?: Map<string, number>;
  /** Organisations named (`=`-keys) → how many times. */
  organizations?: Map<string, number>;
  /** Numbers written in the lede (the first sentences), prefixed `#`: "17-year-old" gives `#17`. */
  numbers?: Map<string, number>;
}

/**
 * Names say which story it is more than words do ("who met whom", not "someone met someone"): a person or organisation
 * counts this often. A place counts once more as a name (it is a word already): many unrelated stories share a country.
 */
export const NAME_WEIGHT = 2;
const PLACE_WEIGHT = 1;
/** The lede states the facts that tell one incident from another (who, where, how many): numbers are read there. */
const LEDE_SENTENCES = 6;

export function dayNumber(date: string | null | undefined): number | null {
  if (!date) return null;
  const ms = Date.parse(`${date.slice(0, 10)}T00:00:00Z`);
  return Number.isNaN(ms) ? null : Math.floor(ms / 86_400_000);
}

/** A name's key: places and organisations by canonical name, people (and unknown single names) by folded surname. */
export function nameKey(m: NameMention): string | null {
  const alias = lookupAlias(m.text);
  if (alias) return `=${alias.name.toLowerCase()}`;
  if (m.type === 'place') return `=${(PLACES.get(m.text) ?? m.text).toLowerCase()}`;
  if (m.type === 'organization') return `=${m.text.toLowerCase()}`;
  const parts = m.text.split(/\s+/);
  const key = foldedName(parts[parts.length - 1]);
  return key.length >= 3 ? `=${key}` : null;
}

/**
 * A page title without the site's name: pages title themselves "Headline - Site | Slogan". Trailing parts after a
 * spaced dash or bar are cut while they are short (a name, a slogan) and what is left still reads as a headline.
 */
export function headlineOfTitle(title: string): string {
  const parts = title.split(/\s+[|–—-]\s+|\s+::\s+/);
  while (parts.length > 1 && parts[parts.length - 1].split(/\s+/).length <= 6 && parts.slice(0, -1).join(' ').split(/\s+/).length >= 3) parts.pop();
  return parts.join(' ');
}

const NUMBER = /(?<![\p{L}\p{N}.,:])(\p{N}+(?:[.,:]\p{N}+)*)/gu;

/** The numbers a text writes, normalised (`#17`, `#3:30`, `#1,200` → `#1200`); a year is a number too. */
export function numbersOf(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(NUMBER)) {
    const n = m[1].replace(/,(?=\d{3}\b)/g, '');
    if (n === '1' || n === '0') continue;
    out.push(`#${n}`);
  }
  return out;
}

const count = (into: Map<string, number>, key: string, n = 1) => into.set(key, (into.get(key) ?? 0) + n);

/** `sentences`: the article's sentences with their tokens, when the understanding stage has them (not tokenised again). */
export function articleFeatures(article: Article, names: NameMention[], day: number | null, sentences?: Sentence[]): ArticleFeatures {
  const terms = new Map<string, number>();
  const headline = article.title ? headlineOfTitle(article.title) : '';
  const title = new Map<string, number>();
  for (const t of contentTokens(headline)) count(title, t);
  for (const [t, n] of title) count(terms, t, 2 * n);
  if (sentences?.every((s) => s.tokens)) for (const s of sentences) for (const t of s.tokens!) count(terms, t);
  else for (const t of contentTokens(article.text)) count(terms, t);
  // People: names typed as persons, and single names ("Dehghan" after "Hossein Dehghan") with a person's key.
  const keys = names.map(nameKey);
  const personKeys = new Set(keys.filter((k, i): k is string => Boolean(k) && (names[i].type === 'person' || (names[i].type === 'unknown' && names[i].hint === 'person'))));
  const actors = new Map<string, number>();
  const places = new Map<string, number>();
  const organizations = new Map<string, number>();
  keys.forEach((k, i) => {
    if (!k) return;
    const m = names[i];
    const isPlace = m.type === 'place' || (m.type === 'unknown' && m.hint === 'place');
    count(terms, k, isPlace ? PLACE_WEIGHT : NAME_WEIGHT);
    if (personKeys.has(k)) count(actors, k);
    else if (isPlace) count(places, k);
    else if (m.type === 'organization' || (m.type === 'unknown' && m.hint === 'organization')) count(organizations, k);
  });
  const lede = sentences?.length ? sentences.slice(0, LEDE_SENTENCES).map((s) => s.text).join(' ') : article.text.slice(0, 1200);
  const numbers = new Map<string, number>();
  for (const n of numbersOf(`${headline} ${lede}`)) count(numbers, n);
  return { id: article.id, day, terms, actors, title: title.size ? title : undefined, places, organizations, numbers };
}
