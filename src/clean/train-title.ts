// `npm run train:titles`: learns where a headline glued to the first paragraph ends (title.ts) from the development
// sets that give a title beside the text — GVA (local US news pages: the title as the page had it), PolNeAR (US
// political news, 7 outlets) and CoNLL-2003 (Reuters, 1996) — each title glued to its first paragraph with a space, as
// scraped pages glue them, and each first paragraph alone (it must get no title). The site name is cut from GVA's
// titles first (" - LEX18.com | Continuous News…"): a page glues its headline, not its <title>.
//
//   openers    for every word written with a capital, how much more often it opens a sentence of the sets' texts than
//              stands inside one (log-odds): "Police", "The", "Officials" open sentences, "Jackson" stands inside;
//   model      an averaged perceptron (Collins 2002) choosing, for each line, one place for the headline to end or
//              none, from the cues of title.ts and the words and shapes on either side of each place; the margin
//              over "none" is then set to get most lines right, counting a wrong cut as a miss and a half;
//   checks     each set held out in turn (openers, weights and threshold learned on the other two): the share of glued
//              lines cut exactly where the title ended, and of paragraphs alone left whole.
//
// Deterministic: the sets are read in file order and shuffled for each epoch by a seeded generator.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bestCut, cutCandidates, cutFeatureNames, type TitleModel } from './title.js';
import { readJsonLines } from '../eval/devset.js';

/** A title and the first paragraph it stood above. */
export interface TitledLede {
  title: string;
  lede: string;
}

interface TitledSet {
  name: string;
  pairs: TitledLede[];
  /** The sets' texts, for the openers. */
  texts: string[];
}

/** A first paragraph is cut to this many words: the title's end is near the start. */
const LEDE_WORDS = 60;
/** A paragraph of fewer words is a byline, a stamp or a caption, not the lede. */
const MIN_LEDE_WORDS = 8;
const EPOCHS = 12;
const SEED = 17;
const MARGINS = Array.from({ length: 21 }, (_, i) => -2 + i * 0.4);
/** Choosing the margin, a wrong cut (a title that is not one, a paragraph cut short) costs this many misses. */
const WRONG_CUT_COST = 1.5;

const words = (s: string) => s.split(/\s+/).filter(Boolean);
const squash = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();

/** A title without what a page's <title> adds: " - Site | Slogan" parts after the headline. */
function withoutSiteName(title: string): string {
  const parts = title.split(/\s+[|–—-]\s+|\s+::\s+/);
  while (parts.length > 1 && words(parts[parts.length - 1]).length <= 8) parts.pop();
  return parts.join(' - ').trim();
}

/** The first paragraph after the title: at least `MIN_LEDE_WORDS`, not the title itself. A paragraph opening with the
 * title (a page that glued them already) gives what follows it. */
function ledeAfter(title: string, paragraphs: string[]): string | null {
  const key = squash(title);
  for (const p of paragraphs) {
    const text = p.trim();
    if (!text) continue;
    if (squash(text) === key) continue;
    if (squash(text).startsWith(`${key} `)) {
      const rest = text.slice(title.length).trim();
      if (words(rest).length >= MIN_LEDE_WORDS) return rest;
      continue;
    }
    if (words(text).length >= MIN_LEDE_WORDS) return text;
  }
  return null;
}

const readJsonl = (file: string) => readJsonLines<Record<string, unknown>>(file);

/** The sets with titles, from `shared` (../shared). */
export function loadTitledSets(shared: string): TitledSet[] {
  const data = path.join(shared, 'data');
  const gva: TitledSet = { name: 'gva', pairs: [], texts: [] };
  for (const r of readJsonl(path.join(data, 'events/gva-dev.jsonl'))) {
    const text = String(r.text ?? '');
    gva.texts.push(text);
    const title = withoutSiteName(String(r.title ?? ''));
    const lede = title ? ledeAfter(title, text.split(/\n+/)) : null;
    if (lede) gva.pairs.push({ title, lede });
  }
  // PolNeAR and CoNLL: the first line is the title, with a full stop added by the sets' makers.
  const firstLineTitled = (name: string, files: string[]): TitledSet => {
    const set: TitledSet = { name, pairs: [], texts: [] };
    for (const file of files) {
      for (const r of readJsonl(path.join(data, file))) {
        const text = String(r.text ?? '');
        const [first, ...rest] = text.split('\n');
        set.texts.push(rest.join('\n'));
        const title = first.trim().replace(/\s*\.$/, '');
        const lede = ledeAfter(title, rest);
        if (title && lede) set.pairs.push({ title, lede });
      }
    }
    return set;
  };
  return [gva, firstLineTitled('polnear', ['quotes/polnear-train.jsonl', 'quotes/polnear-dev.jsonl']), firstLineTitled('conll', ['ner/conll2003-train.jsonl', 'ner/conll2003-dev.jsonl'])];
}

/** Log-odds that a capitalised word opens a sentence, from `texts`; words seen capitalised fewer than 5 times left out. */
export function learnOpeners(texts: string[], keep = 4000): Record<string, number> {
  const opens = new Map<string, number>();
  const inside = new Map<string, number>();
  for (const text of texts) {
    for (const sentence of text.split(/(?<=[.!?]["”’']?)\s+|\n+/)) {
      const tokens = words(sentence);
      tokens.forEach((t, i) => {
        if (!/^["“‘'(]?\p{Lu}/u.test(t)) return;
        const key = t.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '').toLowerCase();
        if (!key) return;
        const into = i === 0 ? opens : inside;
        into.set(key, (into.get(key) ?? 0) + 1);
      });
    }
  }
  const seen = new Map<string, number>();
  for (const m of [opens, inside]) for (const [k, n] of m) seen.set(k, (seen.get(k) ?? 0) + n);
  const out: Record<string, number> = {};
  for (const [k] of [...seen].filter(([, n]) => n >= 5).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, keep).sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    out[k] = +Math.max(-4, Math.min(4, Math.log(((opens.get(k) ?? 0) + 1) / ((inside.get(k) ?? 0) + 1)))).toFixed(3);
  }
  return out;
}

/** A line to cut and where its title ends (null: a paragraph alone, no title). */
export interface Line {
  tokens: string[];
  cut: number | null;
}

export function titleLines(pairs: TitledLede[]): Line[] {
  const out: Line[] = [];
  for (const { title, lede } of pairs) {
    const ledeTokens = words(lede).slice(0, LEDE_WORDS);
    const titleTokens = words(title);
    const glued = [...titleTokens, ...ledeTokens];
    if (cutCandidates(glued.length).includes(titleTokens.length)) out.push({ tokens: glued, cut: titleTokens.length });
    out.push({ tokens: ledeTokens, cut: null });
  }
  return out;
}

/** The best place a model finds in each line, and its score (whatever the threshold). */
const bestCuts = (model: TitleModel, lines: Line[]) => lines.map(({ tokens }) => bestCut(tokens, model));

export interface TitleScores {
  /** Glued lines cut exactly where the title ended. */
  exact: number;
  /** Glued lines left whole (no title found). */
  missed: number;
  /** Paragraphs alone given a title (wrongly). */
  falseTitles: number;
  /** Lines right, glued and alone alike. */
  accuracy: number;
  /** Misses and (weighed by `WRONG_CUT_COST`) wrong cuts, a line. */
  cost: number;
}

export function scoreTitles(model: TitleModel, lines: Line[], bests = bestCuts(model, lines)): TitleScores {
  let glued = 0;
  let exact = 0;
  let missed = 0;
  let alone = 0;
  let falseTitles = 0;
  for (const [i, line] of lines.entries()) {
    const best = bests[i];
    const cut = best && best.score >= model.threshold ? best.at : null;
    if (line.cut === null) {
      alone++;
      if (cut !== null) falseTitles++;
    } else {
      glued++;
      if (cut === line.cut) exact++;
      else if (cut === null) missed++;
    }
  }
  const wrong = glued - exact - missed + falseTitles;
  return { exact: exact / glued, missed: missed / glued, falseTitles: falseTitles / alone, accuracy: (exact + alone - falseTitles) / (glued + alone), cost: (missed + WRONG_CUT_COST * wrong) / (glued + alone) };
}

/** A seeded generator (mulberry32): the same shuffles on every run. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** "No cut" as the perceptron sees it: one feature, whose weight becomes the threshold. */
const NONE = 'none';

/** Averaged perceptron weights: each line's best option (a cut, or none) against the right one. */
function perceptron(lines: Line[], openers: Record<string, number>): Map<string, number> {
  const w = new Map<string, number>();
  // Averaging (Daumé's trick): u accumulates c·update; the average is w − u/c.
  const u = new Map<string, number>();
  let c = 1;
  const update = (x: Map<string, number>, sign: number) => {
    for (const [f, v] of x) {
      w.set(f, (w.get(f) ?? 0) + sign * v);
      u.set(f, (u.get(f) ?? 0) + c * sign * v);
    }
  };
  const none = new Map([[NONE, 1]]);
  const random = seeded(SEED);
  const order = lines.map((_, i) => i);
  for (let epoch = 0; epoch < EPOCHS; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const k = Math.floor(random() * (i + 1));
      [order[i], order[k]] = [order[k], order[i]];
    }
    for (const i of order) {
      const { tokens, cut } = lines[i];
      let bestX = none;
      let bestAt: number | null = null;
      let best = w.get(NONE) ?? 0;
      let goldX = cut === null ? none : null;
      for (const j of cutCandidates(tokens.length)) {
        const x = cutFeatureNames(tokens, j, openers);
        let score = 0;
        for (const [f, v] of x) score += (w.get(f) ?? 0) * v;
        if (j === cut) goldX = x;
        if (score > best) [best, bestX, bestAt] = [score, x, j];
      }
      if (bestAt !== cut && goldX) {
        update(goldX, 1);
        update(bestX, -1);
      }
      c++;
    }
  }
  const averaged = new Map<string, number>();
  for (const [f, v] of w) {
    const a = v - (u.get(f) ?? 0) / c;
    if (Math.abs(a) > 1e-6) averaged.set(f, a);
  }
  return averaged;
}

export function trainTitleModel(sets: TitledSet[]): TitleModel {
  const openers = learnOpeners(sets.flatMap((s) => s.texts));
  const lines = sets.flatMap((s) => titleLines(s.pairs));
  const learned = perceptron(lines, openers);
  const none = learned.get(NONE) ?? 0;
  learned.delete(NONE);
  const weights = Object.fromEntries([...learned].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([f, v]) => [f, +v.toFixed(3)]));
  const model: TitleModel = { weights, threshold: none, openers };
  let best = Infinity;
  const bests = bestCuts(model, lines);
  for (const m of MARGINS) {
    const cost = scoreTitles({ ...model, threshold: none + m }, lines, bests).cost;
    if (cost < best) [best, model.threshold] = [cost, +(none + m).toFixed(3)];
  }
  return model;
}

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const root = fileURLToPath(new URL('../../', import.meta.url));
  const started = performance.now();
  const sets = loadTitledSets(path.resolve(root, '../shared'));
  const held: Record<string, TitleScores> = {};
  for (const test of sets) {
    const model = trainTitleModel(sets.filter((s) => s !== test));
    held[test.name] = scoreTitles(model, titleLines(test.pairs));
    const s = held[test.name];
    console.log(`${test.name.padEnd(8)} held out: ${test.pairs.length} titles; cut exactly ${pct(s.exact)}, missed ${pct(s.missed)}, cut wrongly ${pct(1 - s.exact - s.missed)}; paragraphs alone given a title ${pct(s.falseTitles)}`);
  }
  const model = trainTitleModel(sets);
  const round = (s: TitleScores) => Object.fromEntries(Object.entries(s).map(([k, v]) => [k, +v.toFixed(3)]));
  const out: TitleModel = {
    ...model,
    trainedOn: {
      by: 'npm run train:titles (src/clean/train-title.ts)',
      sets: Object.fromEntries(sets.map((s) => [s.name, s.pairs.length])),
      heldOut: Object.fromEntries(Object.entries(held).map(([k, s]) => [k, round(s)])),
    },
  };
  writeFileSync(path.join(root, 'data/title-model.json'), `${JSON.stringify(out, null, 1)}\n`);
  console.log(`threshold ${model.threshold}; ${Object.keys(model.weights).length} weights; ${Object.keys(model.openers).length} openers; ${((performance.now() - started) / 1000).toFixed(0)} s`);
}
