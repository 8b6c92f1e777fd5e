// ROUGE-N and ROUGE-L (Lin 2004) for scoring summaries against a reference, as pure functions.
//
// Tokenisation (rougeTokens): Unicode NFKC, lower-case, apostrophes inside a word dropped ("Mubarak's" → "mubaraks",
// also with ’ or ʼ), then the runs of letters and digits (`[\p{L}\p{N}]`, with combining marks \p{M} kept inside a
// run so that scripts such as Devanagari, whose vowel signs are marks, are not cut mid-word). No stemming and no
// stop-word removal. For English this matches the default of the `rouge-score` package (use_stemmer=False; see
// google-research/rouge/tokenize.py: lower-case, runs of [a-z0-9]), except that rouge-score splits "Mubarak's" into
// "mubarak" + "s" and drops every letter outside a-z. ROUGE-1.5.5 run with -m applies the Porter stemmer (and tilse
// also removes stop words), so published numbers from those are not directly comparable with ours; we keep the plain
// form because it needs no language-specific stemmer and the project handles many languages.
//
// As in ROUGE-1.5.5 and rouge-score (rouge1/rouge2), a text's n-grams run over its whole token sequence, across
// sentence boundaries; ROUGE-L is the LCS over the whole sequences (rouge-score's `rougeL`, not `rougeLsum`).

export interface PRF {
  precision: number;
  recall: number;
  f1: number;
}

// An apostrophe between two word characters ("Mubarak's", "don’t"); quotes at the edges of words just split.
const INNER_APOSTROPHE = /(?<=[\p{L}\p{M}\p{N}])['\u2019\u02BC](?=[\p{L}\p{M}\p{N}])/gu;
const WORD = /[\p{L}\p{N}][\p{L}\p{M}\p{N}]*/gu;

/** The documented ROUGE tokenisation (see the header comment). */
export function rougeTokens(text: string): string[] {
  // NFKC first so that full-width forms and ligatures ("ﬁ") fold before lower-casing and matching.
  return text.normalize('NFKC').toLowerCase().replace(INNER_APOSTROPHE, '').match(WORD) ?? [];
}

/** x / y, or 0 when y is 0: an empty side scores 0 rather than NaN. */
export function ratio(x: number, y: number): number {
  return y ? x / y : 0;
}

/** Precision and recall with their harmonic mean (F1, beta = 1); 0 when both are 0. */
export function prf(precision: number, recall: number): PRF {
  return { precision, recall, f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0 };
}

const tokensOf = (x: string[] | string): string[] => (typeof x === 'string' ? rougeTokens(x) : x);

function checkN(n: number): void {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`ROUGE n must be a positive integer, got ${n}`);
}

/** The multiset of n-grams of a token sequence (n-gram → count); a sequence shorter than n has none. */
export function ngramCounts(tokens: string[], n: number): Map<string, number> {
  checkN(n);
  const counts = new Map<string, number>();
  // Tokens never contain spaces, so a space-joined key is unambiguous.
  for (let i = 0; i + n <= tokens.length; i++) {
    const gram = tokens.slice(i, i + n).join(' ');
    counts.set(gram, (counts.get(gram) ?? 0) + 1);
  }
  return counts;
}

/** Total count of a multiset. */
export function countTotal(counts: Map<string, number>): number {
  let total = 0;
  for (const c of counts.values()) total += c;
  return total;
}

/** Size of the multiset intersection: each n-gram counts at most as often as it occurs in either side ("clipping"). */
export function overlap(a: Map<string, number>, b: Map<string, number>): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let hits = 0;
  for (const [gram, c] of small) hits += Math.min(c, large.get(gram) ?? 0);
  return hits;
}

/** ROUGE-N: clipped n-gram overlap over the system's n-grams (precision) and the reference's (recall). */
export function rougeN(system: string[] | string, reference: string[] | string, n: number): PRF {
  const s = ngramCounts(tokensOf(system), n);
  const r = ngramCounts(tokensOf(reference), n);
  const hits = overlap(s, r);
  return prf(ratio(hits, countTotal(s)), ratio(hits, countTotal(r)));
}

/** Length of the longest common subsequence (two-row dynamic programme, O(|a|·|b|) time, O(|b|) memory). */
function lcsLength(a: string[], b: string[]): number {
  let prev = new Uint32Array(b.length + 1);
  let cur = new Uint32Array(b.length + 1);
  for (const x of a) {
    for (let j = 1; j <= b.length; j++) cur[j] = x === b[j - 1] ? prev[j - 1] + 1 : Math.max(prev[j], cur[j - 1]);
    [prev, cur] = [cur, prev];
  }
  return prev[b.length];
}

/** ROUGE-L: LCS length over the system length (precision) and the reference length (recall), F1 with beta = 1. */
export function rougeL(system: string[] | string, reference: string[] | string): PRF {
  const s = tokensOf(system);
  const r = tokensOf(reference);
  const lcs = lcsLength(s, r);
  return prf(ratio(lcs, s.length), ratio(lcs, r.length));
}

/** ROUGE-1, ROUGE-2 and ROUGE-L of one system text against one reference. */
export function rouge(system: string[] | string, reference: string[] | string): { rouge1: PRF; rouge2: PRF; rougeL: PRF } {
  const s = tokensOf(system);
  const r = tokensOf(reference);
  return { rouge1: rougeN(s, r, 1), rouge2: rougeN(s, r, 2), rougeL: rougeL(s, r) };
}
