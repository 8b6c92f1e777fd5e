// The passage a search hit shows: the window of a text where the searched words stand, the matched words between «
// and ». Both stores build it here, from the hit's own text and the searched phrases: PostgreSQL rather than with
// ts_headline, which parses the whole text of every hit again (most of a search's time once ranking comes from an
// index); SQLite rather than with FTS5's snippet(), which needs the query run again for each hit and, beside a rowid
// equality, gave every hit the passage of the first match (sqlite.ts). Words are read and folded as both stores'
// indexes read them (`searchWords`): runs of letters, marks and digits, lowercased, Latin diacritics dropped.

/** A text's words as the search indexes read them: lowercased, diacritics dropped, runs of letters, marks, digits. */
export function searchWords(text: string): string[] {
  return text.match(WORD) ?? [];
}

const WORD = /[\p{L}\p{N}\p{M}\p{Co}]+/gu;

/** Lowercased, Latin diacritics dropped (as unicode61's remove_diacritics and PostgreSQL's unaccent). */
export function foldForSearch(text: string): string {
  return text.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '').normalize('NFC');
}

/**
 * The spellings of a group a search must look for: one that holds another spelling of the group, word for word (as
 * the index reads words), matches nothing the other does not — "President Hosni Mubarak" beside "Mubarak" — and is
 * left out, so that the index is asked for fewer phrases. Order kept.
 */
export function essentialSpellings(spellings: string[]): string[] {
  const words = spellings.map((s) => ` ${searchWords(foldForSearch(s)).join(' ')} `);
  return spellings.filter((_, i) => words[i].trim() && !words.some((w, j) => j !== i && w.trim() && w !== words[i] && words[i].includes(w)) && words.indexOf(words[i]) === i);
}

/** One word folded: ASCII needs only lowercasing (most words; normalising every word of a long text costs more). */
function foldWord(w: string): string {
  return /^[\x00-\x7f]*$/.test(w) ? w.toLowerCase() : foldForSearch(w);
}

/** Words of a passage. */
const PASSAGE_WORDS = 16;

/**
 * The best passage of `text` for a query: `groups` are the query's groups of alternative phrases (every group is
 * required; see searchGroups). The window of PASSAGE_WORDS words holding the most groups (then the most matches; the
 * first such), each matched phrase marked whole («Port-au-Prince»), an ellipsis where the text goes on.
 */
export function passage(text: string, groups: string[][]): string {
  // Phrases looked up by their last word, as the words are read.
  const byLast = new Map<string, Array<{ group: number; words: string[] }>>();
  groups.forEach((g, group) => {
    for (const s of g) {
      const ws = searchWords(foldForSearch(s));
      if (ws.length) byLast.set(ws[ws.length - 1], [...(byLast.get(ws[ws.length - 1]) ?? []), { group, words: ws }]);
    }
  });
  // The words, read only as far as needed: a long transcript is not read to its end once a window holds every group
  // (then a window's length more, to fill it).
  const words: Array<{ folded: string; start: number; end: number }> = [];
  const matches: Array<{ first: number; last: number; group: number }> = [];
  let stopAt = Infinity;
  for (const m of text.matchAll(WORD)) {
    const i = words.length;
    if (i > stopAt) break;
    words.push({ folded: foldWord(m[0]), start: m.index, end: m.index + m[0].length });
    for (const p of byLast.get(words[i].folded) ?? []) {
      const first = i - p.words.length + 1;
      if (first >= 0 && p.words.every((w, k) => words[first + k].folded === w)) matches.push({ first, last: i, group: p.group });
    }
    if (stopAt === Infinity && matches.length && matches[matches.length - 1].last === i) {
      // The groups of the matches starting in the last few words: looked for from the end only (matches come in the
      // order of their last word), so that a text where every word matches is read in linear time.
      const recent = new Set<number>();
      for (let k = matches.length - 1; k >= 0 && matches[k].last > i - PASSAGE_WORDS + 3; k--) if (matches[k].first > i - PASSAGE_WORDS + 3) recent.add(matches[k].group);
      if (recent.size === groups.length) stopAt = i + PASSAGE_WORDS;
    }
  }
  if (!words.length) return '';
  // Longer phrases first where two start at one word ("Hosni Mubarak" over "Hosni"), then no overlaps.
  matches.sort((a, b) => a.first - b.first || b.last - a.last);
  const kept: typeof matches = [];
  for (const m of matches) if (!kept.length || m.first > kept[kept.length - 1].last) kept.push(m);
  // The window: starting a little before a match, so that the match has some words before it. Kept matches are in
  // order and do not overlap, and each window starts no earlier than the one before: the matches inside a window are
  // kept[inFrom, inTo), both ends only moving on, with a count of each group's matches between them.
  let best = { from: 0, groups: 0, matches: 0 };
  const inWindow = new Map<number, number>();
  let inFrom = 0;
  let inTo = 0;
  for (const m of kept) {
    const from = Math.max(0, Math.min(m.first - 3, words.length - PASSAGE_WORDS));
    for (; inTo < kept.length && kept[inTo].last < from + PASSAGE_WORDS; inTo++) inWindow.set(kept[inTo].group, (inWindow.get(kept[inTo].group) ?? 0) + 1);
    for (; inFrom < inTo && kept[inFrom].first < from; inFrom++) {
      const n = inWindow.get(kept[inFrom].group)! - 1;
      if (n) inWindow.set(kept[inFrom].group, n);
      else inWindow.delete(kept[inFrom].group);
    }
    const inside = inTo - inFrom;
    if (inWindow.size > best.groups || (inWindow.size === best.groups && inside > best.matches)) best = { from, groups: inWindow.size, matches: inside };
  }
  const from = best.from;
  const to = Math.min(words.length, from + PASSAGE_WORDS) - 1;
  let out = from > 0 ? '…' : '';
  let at = words[from].start;
  for (const m of kept) {
    if (m.first < from || m.last > to) continue;
    out += `${text.slice(at, words[m.first].start)}«${text.slice(words[m.first].start, words[m.last].end)}»`;
    at = words[m.last].end;
  }
  // To the end of the text when the window reaches its last word (its closing punctuation kept), else an ellipsis.
  out += to < words.length - 1 ? `${text.slice(at, words[to].end)}…` : text.slice(at).trimEnd();
  return out.replace(/\s+/g, ' ');
}
