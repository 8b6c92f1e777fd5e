// Quotes across outlets: for each quote, the outlets that carried it, the event's outlets that left it out, and where
// the wording differs (a word dropped or added, "cease-fire" against "ceasefire").
import type { Article, Citation, Quote, QuoteCoverage } from '../model.js';
import { outletOf } from './outlets.js';

/** A quote shorter than this is a scare-quoted phrase ("decisive"), not someone's statement. */
const MIN_QUOTE_WORDS = 5;

/** Compared loosely: lower case, one kind of quotation mark and apostrophe, single spaces. */
function loose(text: string): string {
  return text.toLowerCase().replace(/[’‘`]/g, "'").replace(/[“”«»]/g, '"').replace(/\s+/g, ' ').trim();
}

function words(text: string): string[] {
  return loose(text).match(/[\p{L}\p{N}]+(?:['-][\p{L}\p{N}]+)*/gu) ?? [];
}

/**
 * Where wordings differ: words one has in place of another's ("cease-fire / ceasefire", at most three words a side),
 * and "longer in X" where one outlet printed more of the quote than another.
 */
function differences(wordings: Array<{ text: string; outlets: string[] }>): string[] {
  const sets = wordings.map((w) => new Set(words(w.text)));
  const out = new Set<string>();
  for (let i = 0; i < sets.length; i++) {
    for (let j = i + 1; j < sets.length; j++) {
      const onlyI = [...sets[i]].filter((w) => !sets[j].has(w));
      const onlyJ = [...sets[j]].filter((w) => !sets[i].has(w));
      if (onlyI.length && onlyJ.length && onlyI.length <= 3 && onlyJ.length <= 3) out.add(`${onlyI.join(' ')} / ${onlyJ.join(' ')}`);
      else if (onlyI.length > onlyJ.length) out.add(`longer in ${wordings[i].outlets.join(', ')}`);
      else if (onlyJ.length > onlyI.length) out.add(`longer in ${wordings[j].outlets.join(', ')}`);
    }
  }
  return [...out];
}

/**
 * The sentence of an article where a quote's wording starts: the first sentence holding its first words (a quote may
 * run over several sentences); 0 when the article's sentences are not known.
 */
function sentenceHolding(sentences: string[], wording: string): number {
  const opening = wording.split(' ').slice(0, 6).join(' ');
  return Math.max(0, sentences.findIndex((s) => s.includes(opening)));
}

/** `articles`: the event's articles; `quotes`: the event's merged quotes (understanding stage). */
export function quoteCoverage(articles: Article[], quotes: Quote[]): QuoteCoverage[] {
  const byId = new Map(articles.map((a) => [a.id, a]));
  const allOutlets = [...new Set(articles.map(outletOf))];
  // Articles' texts compared loosely, made only for the articles that carry a quote, once each.
  const texts = new Map<string, string>();
  const looseText = (id: string) => texts.get(id) ?? texts.set(id, loose(byId.get(id)!.text)).get(id)!;
  // And their sentences, to cite where a wording stands.
  const sentenceTexts = new Map<string, string[]>();
  const looseSentences = (id: string) => {
    let list = sentenceTexts.get(id);
    if (!list) {
      const a = byId.get(id)!;
      list = (a.sentences ?? []).map((s) => loose(a.text.slice(s.start, s.end)));
      sentenceTexts.set(id, list);
    }
    return list;
  };
  const out: Array<QuoteCoverage & { length: number }> = [];
  for (const q of quotes) {
    const length = words(q.text).length;
    if (length < MIN_QUOTE_WORDS) continue;
    const carriers = q.articles.filter((id) => byId.has(id));
    const carriedBy = [...new Set(carriers.map((id) => outletOf(byId.get(id)!)))];
    // Which article printed which wording: the wording found in its text (each article under its closest wording).
    const wordings = new Map<string, { text: string; outlets: Set<string>; articles: string[]; citations: Citation[] }>();
    const variants = q.variants.map((v) => ({ text: v, loose: loose(v) }));
    for (const id of carriers) {
      const own = variants.find((v) => looseText(id).includes(v.loose)) ?? { text: q.text, loose: loose(q.text) };
      const entry = wordings.get(own.text) ?? { text: own.text, outlets: new Set<string>(), articles: [], citations: [] };
      entry.outlets.add(outletOf(byId.get(id)!));
      entry.articles.push(id);
      entry.citations.push({ article: id, sentence: sentenceHolding(looseSentences(id), own.loose) });
      wordings.set(own.text, entry);
    }
    const list = [...wordings.values()].map((w) => ({ text: w.text, outlets: [...w.outlets], articles: w.articles, citations: w.citations }));
    out.push({
      length,
      text: q.text,
      speaker: q.speaker,
      carriedBy,
      leftOutBy: allOutlets.filter((o) => !carriedBy.includes(o)),
      wordings: list,
      differences: list.length > 1 ? differences(list) : [],
    });
  }
  // Widely carried first, then the longer statement.
  return out.sort((x, y) => y.carriedBy.length - x.carriedBy.length || y.length - x.length).map(({ length: _length, ...q }) => q);
}
