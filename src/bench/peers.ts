// Two peer extractive summarisers from npm, wrapped behind one interface for a side-by-side benchmark against our own
// summariser. Both are CommonJS, synchronous, and take one text that they split into sentences themselves; the adapters
// below join our sentences into such a text in a way that keeps our boundaries, ask each peer for its full ranking, and
// map the peer's own units back to indexes of our sentences.
//
// ts-textrank 1.0.3 (TextRank, Mihalcea & Tarau 2004), as implemented:
// - Splitting: the text is cut at every `\n ! ? ¡ ¿` and at every "." followed by a non-word character (the "." and
//   that character are dropped); parts are trimmed. So "Mr. Smith" or "the U.S. army" are cut in two, and the units it
//   returns lack their final "." (and "?" or "!"), except the text's last one, which keeps its ".". We join our
//   sentences with "\n", so units never span two of ours.
// - Words: every character that is not a letter is removed (digits too: "7.0" and "2010" vanish), words are
//   transliterated to ASCII and lower-cased, English stopwords (package `stopword`) are dropped.
// - Sentences whose remaining words are the same are merged into one (the last one's text is kept): duplicated or
//   near-duplicated sentences, and all sentences left with no words, count once.
// - Graph: Sørensen–Dice between the word lists (2·common/(|a|+|b|), counting a repeated word each time), with a
//   self-loop of weight 1 on the diagonal (the paper has none); O(n²) pairs, each O(|a|·|b|), an n×n matrix of numbers.
// - Scores: PageRank with damping 0.85, from 0, updated in place (Gauss–Seidel), at most 50 sweeps. Quirk: it stops
//   as soon as any one sentence's update is below 1e-4, even mid-sweep; that is after ~20–30 sweeps here, with scores
//   within ~3% of the fixed point (top 20 unchanged on 100 and 500 haiti sentences).
// - Output: the raw texts of the best N units (N from AbsoluteSummarizerConfig), by score (SORT_SCORE), no scores.
//   We ask for all of them. It never fetches anything.
//
// lexrank 1.0.5 (after LexRank, Erkan & Radev 2004), as implemented:
// - summarize(text, lines, callback): the callback is called synchronously with (false, topLines, joinedText), where
//   topLines = the `lines` best units as {weight, text, index}, ordered by index, not weight. We ask for all units and
//   sort them by weight ourselves (ties by position, as the package's own stable sort does). It throws a TypeError
//   ("Reduce of empty array") on an empty or blank text; we never pass one.
// - summarizePage(url, ...) downloads the URL with `request` and extracts text with `unfluff`. It is never used here and
//   is not declared in lexrank.d.ts. (`request` and `unfluff` are loaded at require time all the same.)
// - Splitting (package `sentence-tokenizer`): after every whitespace-separated word that ends in . ! or ?, so "Mr.",
//   "U.S." or "a.m." cut a sentence, while `said."` (quote after the stop) or a line with no final stop does not, and is
//   merged with the next one. We append " ." to each of our sentences that lacks a final . ! or ? (the word tokenizer
//   makes "." a token of every sentence that ends in "." anyway), so units never span two of ours. The tokenizer also
//   rewrites text: "ECTOR" inside a word becomes "{yourname}" ("DIRECTOR" → "DIR{yourname}") and "utterer" becomes
//   "{myname}" ("stutterer"); we undo both before matching.
// - Words: natural 0.2.1's Treebank tokenizer on the lower-cased sentence (punctuation and stopwords kept).
// - Graph: wuzzy's "tanimoto" between token lists: |distinct common| / (|a| + |b| − |distinct common|), counting a
//   repeated token in |a| and |b|; each row is scaled to unit L2 norm; no threshold, no damping; O(n²) pairs.
// - Scores: 10 steps of power iteration e ← M·e / ‖M·e‖₂ from all ones (eigenvector centrality of the row-normalised
//   similarity matrix), then sorted by weight.
// - Loading it patches the process's built-ins: `sentence-tokenizer` loads Sugar 1.3.9, which replaces
//   String.prototype.{endsWith,startsWith,trim,trimLeft,trimRight}, Array.prototype.{map,filter,every,some} and
//   Object.keys and adds ~430 methods to built-in objects and prototypes; `natural` loads `sylvester`, which sets
//   globals $V $M $L $P and replaces Math.sign with one where Math.sign(0) and Math.sign(NaN) are 1. Left in place,
//   this would change how everything else in the process behaves, our summariser included. So the load is done once,
//   between two snapshots of the built-ins; the changes are undone at once, and redone only for the duration of each
//   (synchronous) lexrank call.
//
// Mapping back (both peers): a unit is matched to the unused input sentence with the same normalised text (NFKD, no
// marks, lower case, letters and digits only); failing that, to the sentence sharing most of its word tokens
// (preferring one that contains it whole, then the one it covers most). A unit whose best match was already picked —
// the second half of a sentence cut at "Mr.", say — is skipped, so each sentence ranks by its best unit. If a peer
// yields fewer distinct sentences than k (merged duplicates, blank sentences), the rest are filled with unpicked
// sentences in input order. Limitation: a very short piece (a sentence starting "Mr. Hal ..." gives the piece "Mr")
// goes to the shortest sentence containing it, which may be another one; such pieces rank low.
import { createRequire } from 'node:module';
import type { LexrankLine } from 'lexrank';

const require = createRequire(import.meta.url);

type TsTextrankModule = typeof import('ts-textrank');
type LexrankModule = typeof import('lexrank');

export interface Peer {
  name: string;
  /** the package and version, e.g. "ts-textrank 1.0.3" */
  version: string;
  /**
   * picks k sentences from the given sentences; returns their indexes in the input
   * (min(k, sentences.length) distinct indexes, best first by the peer's ranking)
   */
  rank(sentences: string[], k: number): Promise<number[]>;
}

function packageVersion(name: string): string {
  const pkg = require(`${name}/package.json`) as { name: string; version: string };
  return `${pkg.name} ${pkg.version}`;
}

// ---- Keeping lexrank's changes to the built-ins out of the rest of the process ----

interface PropertyChange {
  target: object;
  key: PropertyKey;
  before: PropertyDescriptor | undefined;
  after: PropertyDescriptor | undefined;
}

function builtinObjects(): object[] {
  const objects: object[] = [globalThis, Math, JSON, Reflect];
  const classes = [Object, Function, Array, String, Number, Boolean, Symbol, Date, RegExp, Error, Promise, Map, Set, WeakMap, WeakSet];
  for (const c of classes) objects.push(c, c.prototype as object);
  return objects;
}

function snapshot(targets: object[]): Map<object, Map<PropertyKey, PropertyDescriptor>> {
  const result = new Map<object, Map<PropertyKey, PropertyDescriptor>>();
  for (const target of targets) {
    const own = new Map<PropertyKey, PropertyDescriptor>();
    for (const key of Reflect.ownKeys(target)) {
      const d = Reflect.getOwnPropertyDescriptor(target, key);
      if (d) own.set(key, d);
    }
    result.set(target, own);
  }
  return result;
}

function sameDescriptor(a: PropertyDescriptor, b: PropertyDescriptor): boolean {
  return (
    Object.is(a.value, b.value) &&
    a.get === b.get &&
    a.set === b.set &&
    a.writable === b.writable &&
    a.enumerable === b.enumerable &&
    a.configurable === b.configurable
  );
}

function changesBetween(
  before: Map<object, Map<PropertyKey, PropertyDescriptor>>,
  after: Map<object, Map<PropertyKey, PropertyDescriptor>>,
): PropertyChange[] {
  const changes: PropertyChange[] = [];
  for (const [target, was] of before) {
    const now = after.get(target) ?? new Map<PropertyKey, PropertyDescriptor>();
    for (const [key, d] of now) {
      const old = was.get(key);
      if (!old || !sameDescriptor(old, d)) changes.push({ target, key, before: old, after: d });
    }
    for (const [key, old] of was) if (!now.has(key)) changes.push({ target, key, before: old, after: undefined });
  }
  return changes;
}

function applyState(changes: PropertyChange[], side: 'before' | 'after'): void {
  for (const c of changes) {
    const d = c[side];
    const ok = d ? Reflect.defineProperty(c.target, c.key, d) : Reflect.deleteProperty(c.target, c.key);
    if (!ok) throw new Error(`cannot restore built-in property ${String(c.key)}`);
  }
}

interface LoadedLexrank {
  module: LexrankModule;
  changes: PropertyChange[];
}

let lexrankLoaded: LoadedLexrank | undefined;

function loadLexrank(): LoadedLexrank {
  if (lexrankLoaded) return lexrankLoaded;
  const targets = builtinObjects();
  const before = snapshot(targets);
  let module: LexrankModule | undefined;
  try {
    module = require('lexrank') as LexrankModule;
  } finally {
    const changes = changesBetween(before, snapshot(targets));
    applyState(changes, 'before');
    if (module) lexrankLoaded = { module, changes };
  }
  return lexrankLoaded!;
}

/** Runs fn (synchronous, so nothing else runs meanwhile) with the built-ins as lexrank patched them. */
function withLexrankBuiltins<T>(changes: PropertyChange[], fn: () => T): T {
  applyState(changes, 'after');
  try {
    return fn();
  } finally {
    applyState(changes, 'before');
  }
}

// ---- Mapping a peer's units back to our sentences ----

function normalise(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

interface Candidate {
  i: number;
  /** 1 if the unit's normalised text occurs whole in the sentence's */
  contains: number;
  /** distinct tokens in common */
  shared: number;
  /** the share of the sentence's distinct tokens that the unit has */
  cover: number;
  /** 1 if not picked yet */
  free: number;
}

function better(a: Candidate, b: Candidate): boolean {
  return (a.contains - b.contains || a.shared - b.shared || a.cover - b.cover || a.free - b.free || b.i - a.i) > 0;
}

class SentenceMatcher {
  private readonly exact = new Map<string, number[]>();
  private readonly padded: string[];
  private readonly distinctTokens: number[];
  private readonly postings = new Map<string, number[]>();

  constructor(sentences: string[]) {
    const normal = sentences.map(normalise);
    this.padded = normal.map((n) => ` ${n} `);
    this.distinctTokens = normal.map(() => 0);
    normal.forEach((n, i) => {
      const same = this.exact.get(n);
      if (same) same.push(i);
      else this.exact.set(n, [i]);
      const tokens = new Set(n.split(' ').filter(Boolean));
      this.distinctTokens[i] = tokens.size;
      for (const t of tokens) {
        const list = this.postings.get(t);
        if (list) list.push(i);
        else this.postings.set(t, [i]);
      }
    });
  }

  /** The input sentence a unit comes from, or undefined if there is none or it was already picked. */
  match(unit: string, taken: Set<number>): number | undefined {
    const n = normalise(unit);
    const same = this.exact.get(n);
    if (same) return same.find((i) => !taken.has(i));
    const tokens = new Set(n.split(' ').filter(Boolean));
    const overlap = new Map<number, number>();
    for (const t of tokens) for (const i of this.postings.get(t) ?? []) overlap.set(i, (overlap.get(i) ?? 0) + 1);
    const needle = ` ${n} `;
    let best: Candidate | undefined;
    for (const [i, shared] of overlap) {
      const c: Candidate = {
        i,
        contains: this.padded[i].includes(needle) ? 1 : 0,
        shared,
        cover: shared / this.distinctTokens[i],
        free: taken.has(i) ? 0 : 1,
      };
      if (!best || better(c, best)) best = c;
    }
    return best && !taken.has(best.i) ? best.i : undefined;
  }
}

/**
 * Maps a peer's units (its own sentences, best first) to min(k, n) distinct indexes of `sentences`, filling from
 * unpicked sentences in input order. Exported for the tests; not part of the Peer interface.
 */
export function pickIndexes(units: readonly string[], sentences: readonly string[], k: number): number[] {
  const want = Math.min(k, sentences.length);
  const matcher = new SentenceMatcher([...sentences]);
  const taken = new Set<number>();
  const picked: number[] = [];
  for (const unit of units) {
    if (picked.length >= want) break;
    const i = matcher.match(unit, taken);
    if (i === undefined) continue;
    taken.add(i);
    picked.push(i);
  }
  for (let i = 0; picked.length < want && i < sentences.length; i++) {
    if (!taken.has(i)) {
      taken.add(i);
      picked.push(i);
    }
  }
  return picked;
}

function checkK(k: number): void {
  if (!Number.isInteger(k) || k < 0) throw new RangeError(`k must be a non-negative integer, not ${k}`);
}

/** Whitespace runs (newlines included) become one space: both peers split on some whitespace or punctuation. */
function oneLine(sentences: readonly string[]): string[] {
  return sentences.map((s) => s.replace(/\s+/g, ' ').trim());
}

function peerError(name: string, e: unknown): Error {
  return new Error(`${name} failed: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
}

// ---- The peers ----

/**
 * A peer from what differs between them: how it ranks a text of our sentences (one per line, empty lines dropped).
 * The shared part checks `k`, skips the call when there is nothing to rank, maps units back and names the peer in errors.
 */
function makePeer(name: string, rankText: (lines: string[]) => string[]): Peer {
  return {
    name,
    version: packageVersion(name),
    async rank(sentences, k) {
      checkK(k);
      try {
        const lines = oneLine(sentences);
        const units = k > 0 && lines.some((s) => s !== '') ? rankText(lines.filter((s) => s !== '')) : [];
        return pickIndexes(units, lines, k);
      } catch (e) {
        throw peerError(name, e);
      }
    },
  };
}

function tsTextrankPeer(): Peer {
  const tr = require('ts-textrank') as TsTextrankModule;
  return makePeer('ts-textrank', (lines) => {
    const config = new tr.AbsoluteSummarizerConfig(Number.MAX_SAFE_INTEGER, new tr.SorensenDiceSimilarity(), new tr.DefaultTextParser(), 0.85, tr.Summarizer.SORT_SCORE);
    return new tr.Summarizer(config, new tr.NullLogger()).summarize(lines.join('\n'), 'en');
  });
}

function lexrankPeer(): Peer {
  const { module: lexrank, changes } = loadLexrank();
  return makePeer('lexrank', (lines) => {
    const text = lines.map((s) => (/[.!?]$/.test(s) ? s : `${s} .`)).join(' ');
    let result: LexrankLine[] | undefined;
    let failure: unknown;
    withLexrankBuiltins(changes, () =>
      lexrank.summarize(text, Number.MAX_SAFE_INTEGER, (err, topLines) => {
        if (err) failure = err;
        else result = topLines;
      }),
    );
    if (failure) throw failure;
    if (!result) throw new Error('summarize returned without calling back');
    const weight = (l: LexrankLine) => (Number.isNaN(l.weight) ? -Infinity : l.weight);
    return [...result].sort((a, b) => weight(b) - weight(a) || a.index - b.index).map((l) => l.text.replaceAll('{yourname}', 'ECTOR').replaceAll('{myname}', 'utterer'));
  });
}

/** Loads both peers (lexrank's load takes ~0.2 s and is done once per process). */
export async function loadPeers(): Promise<Peer[]> {
  const peers: Peer[] = [];
  for (const [name, make] of [
    ['ts-textrank', tsTextrankPeer],
    ['lexrank', lexrankPeer],
  ] as const) {
    try {
      peers.push(make());
    } catch (e) {
      throw peerError(`${name} (loading)`, e);
    }
  }
  return peers;
}
