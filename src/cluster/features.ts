// What the clusterer compares: an article's words (title counted twice: it states the story), the names it writes
// (people by their surname as transliteration folds it, places and organisations by their canonical name), and its day.
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
}

/**
 * Names say which story it is more than words do ("who met whom", not "someone met someone"): a person or organisation
 * counts this often. A place counts once more as a name (it is a word already): many unrelated stories share a country.
 */
export const NAME_WEIGHT = 2;
const PLACE_WEIGHT = 1;

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

/** `sentences`: the article's sentences with their tokens, when the understanding stage has them (not tokenised again). */
export function articleFeatures(article: Article, names: NameMention[], day: number | null, sentences?: Sentence[]): ArticleFeatures {
  const terms = new Map<string, number>();
  const add = (t: string, n = 1) => terms.set(t, (terms.get(t) ?? 0) + n);
  if (article.title) for (const t of contentTokens(article.title)) add(t, 2);
  if (sentences?.every((s) => s.tokens)) for (const s of sentences) for (const t of s.tokens!) add(t);
  else for (const t of contentTokens(article.text)) add(t);
  // People: names typed as persons, and single names ("Dehghan" after "Hossein Dehghan") with a person's key.
  const keys = names.map(nameKey);
  const personKeys = new Set(keys.filter((k, i): k is string => Boolean(k) && (names[i].type === 'person' || (names[i].type === 'unknown' && names[i].hint === 'person'))));
  const actors = new Map<string, number>();
  keys.forEach((k, i) => {
    if (!k) return;
    add(k, names[i].type === 'place' || (names[i].type === 'unknown' && names[i].hint === 'place') ? PLACE_WEIGHT : NAME_WEIGHT);
    if (personKeys.has(k)) actors.set(k, (actors.get(k) ?? 0) + 1);
  });
  return { id: article.id, day, terms, actors };
}
