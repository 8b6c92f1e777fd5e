// The coverage matrix: the event's facts — groups of sentences of different articles that say the same thing — and the
// outlets that carry each. A fact carried by one outlet is what that outlet alone reported.
import type { Article, Citation, Fact } from '../model.js';
import { denseCosine, type SentenceSpace } from '../text/index.js';
import { outletOf } from './outlets.js';

/** A sentence shorter than this is a heading or a fragment, not a fact. */
const MIN_WORDS = 6;
/** Nor is a run-on over this many words (a glued list, a transcript block). */
const MAX_WORDS = 80;

/** Union-find over sentence indexes of the space. */
class Groups {
  private readonly parent = new Map<number, number>();
  find(x: number): number {
    let p = this.parent.get(x) ?? x;
    if (p !== x) {
      p = this.find(p);
      this.parent.set(x, p);
    }
    return p;
  }
  join(a: number, b: number): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra < rb) this.parent.set(rb, ra);
    else if (rb < ra) this.parent.set(ra, rb);
  }
}

/**
 * Facts from a sentence space over the event's articles (in reading order). Each usable sentence is joined to the
 * sentence of every other article that says nearly the same (the space's support); the groups are the facts, ordered
 * by salience: how central to the event the fact is (closeness to what the articles say together), and how many
 * outlets carry it.
 */
export function findFacts(space: SentenceSpace): Fact[] {
  const usable = space.sentences.map((s, i) => ({ s, i })).filter(({ s }) => s.words >= MIN_WORDS && s.words <= MAX_WORDS).map(({ i }) => i);
  const groups = new Groups();
  const support = space.supportOf(usable);
  const isUsable = new Set(usable);
  for (const [i, matches] of support) for (const m of matches) if (isUsable.has(m.index)) groups.join(i, m.index);

  const members = new Map<number, number[]>();
  for (const i of usable) {
    const root = groups.find(i);
    const list = members.get(root) ?? [];
    list.push(i);
    members.set(root, list);
  }
  const facts: Fact[] = [];
  for (const list of members.values()) {
    // Reading order: the earliest report's wording stands for the fact.
    list.sort((x, y) => space.sentences[x].article - space.sentences[y].article || x - y);
    const articles: Article[] = [...new Set(list.map((i) => space.sentences[i].article))].map((a) => space.articles[a]);
    const outlets = [...new Set(articles.map(outletOf))];
    const citations: Citation[] = list.map((i) => ({ article: space.articles[space.sentences[i].article].id, sentence: space.sentences[i].sentence.index }));
    const centrality = Math.max(...list.map((i) => denseCosine(space.sentences[i].vector, space.centre)));
    facts.push({ id: '', text: space.sentences[list[0]].sentence.text, citations, outlets, salience: centrality * (1 + Math.log(outlets.length)) });
  }
  facts.sort((x, y) => y.salience - x.salience || x.citations[0].article.localeCompare(y.citations[0].article) || x.citations[0].sentence - y.citations[0].sentence);
  facts.forEach((f, k) => (f.id = `f${k + 1}`));
  return facts;
}
