// An article's understanding as a store keeps it: only what cannot be read back from the stored article. Sentences
// are the article's own offsets (`article.sentences`) over its text, and their tokens are recomputed on reading
// (cheaper than storing them: a stored understanding was four times the article's text); names are kept, each as
// [start, end, type, sentence, role, hint, text, placed], with their text (else 0) only when it is not the text at
// their offsets or a flag follows, and `placed` (1) only when set — the names, and the rules' names the clusterer
// compares (`cues`), as {names, cues}. An understanding stored as a bare list (before the tagger) is the rules' names.
import type { Article, Sentence } from '../model.js';
import { contentTokens } from '../text/index.js';
import type { NameMention } from './entities.js';
import type { UnderstoodArticle } from './index.js';

type PackedName = [number, number, NameMention['type'], number, string | 0, NameMention['hint'] | 0, (string | 0)?, 1?];

/** A stored understanding: the names, and the rules' names the clusterer compares (UnderstoodArticle.cues). */
interface Packed {
  names: PackedName[];
  cues: PackedName[];
}

function packNames(text: string, names: NameMention[]): PackedName[] {
  return names.map((n) => {
    const packed: PackedName = [n.start, n.end, n.type, n.sentence, n.role ?? 0, n.hint ?? 0];
    const written = text.slice(n.start, n.end) !== n.text;
    if (written || n.placed) packed.push(written ? n.text : 0);
    if (n.placed) packed.push(1);
    return packed;
  });
}

function unpackNames(text: string, packed: PackedName[]): NameMention[] {
  return packed.map(([start, end, type, sentence, role, hint, written, placed]) => {
    const n: NameMention = { start, end, text: written || text.slice(start, end), type, sentence };
    if (role) n.role = role;
    if (hint) n.hint = hint;
    if (placed) n.placed = true;
    return n;
  });
}

export function packUnderstanding(u: UnderstoodArticle): string {
  const packed: Packed = { names: packNames(u.article.text, u.names), cues: packNames(u.article.text, u.cues) };
  return JSON.stringify(packed);
}

/** An understood article's sentences from its own offsets, their tokens computed again. */
export function sentencesOfStored(article: Article): Sentence[] {
  return (article.sentences ?? []).map((s, index) => {
    const t = article.text.slice(s.start, s.end);
    return { index, start: s.start, end: s.end, text: t, tokens: contentTokens(t) };
  });
}

/** The understanding back, given the article as stored (what an event later added to it — resolved mentions,
 * `duplicateOf` — is set aside: the event is understood again from the article's own reading). */
export function unpackUnderstanding(stored: Article, packed: string): UnderstoodArticle {
  const { mentions: _m, duplicateOf: _d, ...article } = stored;
  const text = article.text;
  const sentences = sentencesOfStored(article);
  const read = JSON.parse(packed) as Packed | PackedName[];
  // Understandings stored before the names came from the tagger are the rules' names alone: names and cues both.
  if (Array.isArray(read)) {
    const names = unpackNames(text, read);
    return { article, sentences, names, cues: names };
  }
  return { article, sentences, names: unpackNames(text, read.names), cues: unpackNames(text, read.cues) };
}
