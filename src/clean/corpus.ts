// Corpus statistics: lines that recur across many articles of one outlet are its page template (navigation teasers,
// comment policies, newsletter prompts), whatever their wording. Patterns cannot know every site; recurrence can.
import { wordCount } from './normalize.js';
import { endsLikeSentence } from './rules.js';

/** A line must recur in at least this many independent articles of an outlet… */
const MIN_ARTICLES = 3;
/** …and in at least this share of the outlet's articles (so a big outlet needs more evidence). */
const MIN_SHARE = 0.02;
/** Two articles sharing more than this share of their lines are copies of each other and count once. */
const COPY_OVERLAP = 0.5;
/** Lines near the top or the bottom of a page are where templates put their furniture. */
const EDGE_LINES = 3;
/** A recurring full sentence in the middle of the text is usually shared background reporting, kept unless it is this common. */
const MIDDLE_SHARE = 0.1;

export interface LinesOfArticle {
  /** Articles are compared within a group: their outlet, or their web host, or one group for unattributed articles. */
  group: string;
  lines: string[];
  /** Each line's comparison key (lower-cased), computed once by the caller. */
  templateKeys: string[];
}

export class RecurringLines {
  private constructor(private readonly template: Map<string, Set<string>>) {}

  static none(): RecurringLines {
    return new RecurringLines(new Map());
  }

  static learn(articles: LinesOfArticle[]): RecurringLines {
    const byGroup = new Map<string, LinesOfArticle[]>();
    for (const a of articles) {
      const list = byGroup.get(a.group);
      if (list) list.push(a);
      else byGroup.set(a.group, [a]);
    }
    const template = new Map<string, Set<string>>();
    for (const [group, members] of byGroup) {
      const threshold = Math.max(MIN_ARTICLES, Math.ceil(MIN_SHARE * members.length));
      if (members.length < threshold) continue;
      const keySets = members.map((m) => new Set(m.templateKeys));
      // Where each line stands in each article: [article, position, line count].
      const seen = new Map<string, Array<[number, number, number]>>();
      members.forEach((m, ai) => {
        const done = new Set<string>();
        m.templateKeys.forEach((key, pos) => {
          if (!key || done.has(key)) return;
          done.add(key);
          const list = seen.get(key);
          if (list) list.push([ai, pos, m.lines.length]);
          else seen.set(key, [[ai, pos, m.lines.length]]);
        });
      });
      const lines = new Set<string>();
      for (const [key, occurrences] of seen) {
        if (occurrences.length < threshold) continue;
        const enough = Math.max(threshold, 5, Math.ceil(MIDDLE_SHARE * members.length));
        const independent = independentArticles(occurrences.map((o) => o[0]), keySets, enough);
        if (independent < threshold) continue;
        const sample = members[occurrences[0][0]].lines[occurrences[0][1]];
        const atEdge = occurrences.filter(([, pos, n]) => pos < EDGE_LINES || pos >= n - EDGE_LINES).length;
        const furnitureShaped = !endsLikeSentence(sample) || wordCount(sample) <= 6;
        const mostlyAtEdges = atEdge >= 0.6 * occurrences.length;
        const veryCommon = independent >= MIDDLE_SHARE * members.length && independent >= 5;
        if (furnitureShaped || mostlyAtEdges || veryCommon) lines.add(key);
      }
      if (lines.size) template.set(group, lines);
    }
    return new RecurringLines(template);
  }

  /** The template lines of both: what earlier batches of a stream taught stays known to the later ones. */
  with(other: RecurringLines): RecurringLines {
    const template = new Map([...this.template].map(([group, lines]) => [group, new Set(lines)]));
    for (const [group, lines] of other.template) {
      const into = template.get(group);
      if (into) for (const line of lines) into.add(line);
      else template.set(group, new Set(lines));
    }
    return new RecurringLines(template);
  }

  /** Whether a line (given by its lower-cased text) is part of the group's template. */
  has(group: string, key: string): boolean {
    return this.template.get(group)?.has(key) ?? false;
  }

  get size(): number {
    let n = 0;
    for (const s of this.template.values()) n += s.size;
    return n;
  }
}

/** How many of these articles are not copies of one another (greedy; copies share most of their lines), counted up to `enough`. */
function independentArticles(indices: number[], keySets: Array<Set<string>>, enough: number): number {
  const chosen: number[] = [];
  for (const i of indices) {
    if (chosen.length >= enough) break;
    const a = keySets[i];
    const isCopy = chosen.some((j) => {
      const b = keySets[j];
      let shared = 0;
      for (const k of a) if (b.has(k)) shared++;
      return shared / Math.min(a.size, b.size) > COPY_OVERLAP;
    });
    if (!isCopy) chosen.push(i);
  }
  return chosen.length;
}
