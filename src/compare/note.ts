// A plain-language paragraph on how the outlets differ, written from the comparison alone (no hosted model): who
// reported, who copied whom, what each outlet alone reported, which quotes some left out or worded differently, and
// the word choices that set them apart. Every sentence cites the articles (and sentences) it rests on.
import { UNIDENTIFIED } from './outlets.js';
import type { Citation, Comparison, Fact, OutletCoverage, SummarySentence } from '../model.js';
import { compressSentence } from '../summarize/index.js';

/** At most this many outlets get an "only X reported" sentence; more reads as a list. */
const UNIQUE_SENTENCES = 3;
/** A fact quoted in the note is cut to about this many words. */
const FACT_WORDS = 30;

/** Outlets named in a sentence at most; more are counted ("7 other outlets"). */
const NAMED_OUTLETS = 4;
/** The opening sentence names this many outlets at most, and cites their first reports; the rest are counted. */
const OPENING_OUTLETS = 12;
/** Copies told one sentence each, at most; the rest are counted in one sentence (a wire story may be copied hundreds of times). */
const COPY_SENTENCES = 5;
/** Citations of a sentence that counts things, at most: a sentence citing 10,000 reports can be checked by nobody. */
const COUNTED_CITATIONS = 12;

function list(items: string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** How the note names an outlet: the unidentified ones as such. */
function named(outlet: string): string {
  return outlet === UNIDENTIFIED ? 'reports of unidentified outlets' : outlet;
}

/** Outlets as the note lists them: the first few by name, the rest counted. */
function outletList(outlets: string[]): string {
  if (outlets.length <= NAMED_OUTLETS) return list(outlets.map(named));
  return `${outlets.slice(0, NAMED_OUTLETS - 1).map(named).join(', ')} and ${outlets.length - NAMED_OUTLETS + 1} other outlets`;
}

function describe(o: OutletCoverage): string {
  if (!o.identified) return unidentifiedReports(o.articles.length);
  const profile = [o.kind, o.country].filter(Boolean).join(', ');
  return profile ? `${o.outlet} (${profile})` : o.outlet;
}

function firstSentenceOf(o: OutletCoverage): Citation {
  return { article: o.articles[0], sentence: 0 };
}

/** The fact's wording as the note quotes it: compressed, cut at a word boundary, without its final stop. */
function factWording(f: Fact): string {
  const words = compressSentence(f.text).replace(/[.!?]+$/, '').split(/\s+/);
  return words.length > FACT_WORDS ? `${words.slice(0, FACT_WORDS).join(' ')}…` : words.join(' ');
}

const unidentifiedReports = (n: number) => (n === 1 ? 'one report whose outlet could not be identified' : `${n} reports whose outlets could not be identified`);

const times = (n: number) => (n === 1 ? 'once' : `${n} times`);

export function writeNote(c: Omit<Comparison, 'note'>): SummarySentence[] {
  const note: SummarySentence[] = [];
  const { outlets } = c;
  if (!outlets.length) return note;
  const identified = outlets.filter((o) => o.identified);
  const unidentified = outlets.find((o) => !o.identified)?.articles.length ?? 0;
  const others = identified.length - OPENING_OUTLETS;
  const who = [...identified.slice(0, OPENING_OUTLETS).map(describe), ...(others > 0 ? [`${others} other ${others === 1 ? 'outlet' : 'outlets'}`] : [])];
  const also = unidentified ? `; so did ${unidentifiedReports(unidentified)}` : '';
  let text: string;
  if (outlets.length === 1) text = identified.length ? `Only ${describe(outlets[0])} reported this event here.` : `Only ${unidentifiedReports(unidentified)} told this event here.`;
  else text = `${identified.length === 1 ? 'One outlet' : `${identified.length} outlets`} reported this event: ${list(who)}${also}.`;
  note.push({
    text,
    citations: outlets.slice(0, OPENING_OUTLETS).map(firstSentenceOf),
  });

  const copies = outlets.flatMap((o) => o.copies.map((copy) => ({ o, copy })));
  for (const { o, copy } of copies.slice(0, COPY_SENTENCES)) {
    note.push({
      text: `${o.identified ? o.outlet : `The report ${copy.article}`} copies ${copy.outlet ? `${copy.outlet}’s` : 'an earlier'} report nearly word for word.`,
      citations: [{ article: copy.article, sentence: 0 }, { article: copy.of, sentence: 0 }],
    });
  }
  const moreCopies = copies.slice(COPY_SENTENCES);
  if (moreCopies.length) {
    note.push({
      text: `${moreCopies.length} more ${moreCopies.length === 1 ? 'report copies an earlier one' : 'reports copy earlier ones'} nearly word for word.`,
      citations: moreCopies.slice(0, COUNTED_CITATIONS).map(({ copy }) => ({ article: copy.article, sentence: 0 })),
    });
  }

  // What each outlet alone reported: its most salient fact that no other outlet carries.
  if (outlets.length > 1) {
    const uniqueBy = new Map<string, Fact>();
    for (const f of c.facts) if (f.outlets.length === 1 && !uniqueBy.has(f.outlets[0])) uniqueBy.set(f.outlets[0], f);
    const ranked = [...uniqueBy].sort((a, b) => b[1].salience - a[1].salience).slice(0, UNIQUE_SENTENCES);
    for (const [outlet, f] of ranked) {
      const o = outlets.find((x) => x.outlet === outlet)!;
      note.push({ text: `Only ${o.identified ? o.outlet : named(o.outlet)} reported: “${factWording(f)}”.`, citations: f.citations.slice(0, COUNTED_CITATIONS) });
    }
  }

  // The most widely carried quote that some outlets left out, or printed in other words.
  const left = c.quotes.find((q) => q.leftOutBy.length && q.carriedBy.length > 1) ?? c.quotes.find((q) => q.differences.length);
  if (left && outlets.length > 1) {
    const speaker = left.speaker ? `${left.speaker}’s words` : 'The words';
    const short = left.text.split(/\s+/).slice(0, 15).join(' ') + (left.text.split(/\s+/).length > 15 ? '…' : '');
    const leftOut = left.leftOutBy.length ? `, not by ${outletList(left.leftOutBy)}` : '';
    const differ = left.differences.length ? `; ${left.differences.slice(0, 3).map((d) => (d.startsWith('longer in') ? d : `“${d}”`)).join('; ')}` : '';
    note.push({
      text: `${speaker} “${short}” were carried by ${outletList(left.carriedBy)}${leftOut}${differ}.`,
      citations: left.wordings.flatMap((w) => w.citations).slice(0, COUNTED_CITATIONS),
    });
  }

  // Word choices: the first contrast in which outlets lean to different sides. An outlet leans to the side it uses
  // more; each side is told with the outlets leaning to it, their uses and their most used word.
  for (const contrast of c.framing) {
    const lean = new Map<string, number>();
    for (const outlet of new Set(contrast.sides.flatMap((s) => Object.keys(s.counts)))) {
      const uses = contrast.sides.map((s) => s.counts[outlet] ?? 0);
      const best = uses.indexOf(Math.max(...uses));
      if (uses.filter((u) => u === uses[best]).length === 1) lean.set(outlet, best);
    }
    const sides = contrast.sides
      .map((side, k) => {
        const outlets = [...lean].filter(([, s]) => s === k).map(([o]) => o);
        const uses = outlets.reduce((n, o) => n + (side.counts[o] ?? 0), 0);
        const usesOf = (t: (typeof side.terms)[number]) => outlets.reduce((n, o) => n + (t.counts[o] ?? 0), 0);
        const words = side.terms.filter((t) => usesOf(t) > 0).sort((a, b) => usesOf(b) - usesOf(a)).slice(0, 2);
        return { outlets, uses, words, side };
      })
      .filter((x) => x.outlets.length);
    if (sides.length < 2) continue;
    const parts = sides.slice(0, 2).map((x) => `${outletList(x.outlets)} mostly ${x.outlets.length === 1 ? 'writes' : 'write'} ${x.words.length ? x.words.map((t) => `“${t.term}”`).join(' and ') : x.side.label} (${times(x.uses)})`);
    note.push({
      text: `For ${contrast.referent}, ${parts.join(', while ')}.`,
      citations: sides.slice(0, 2).flatMap((x) => x.side.terms.flatMap((t) => t.citations)).slice(0, 8),
    });
    break;
  }
  return note;
}
