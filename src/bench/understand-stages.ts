// What the understanding costs, stage by stage: the steps of understandArticleWithin (src/understand/index.ts) timed
// one by one, article after article in their order there (so that each stage pays for what the others leave in the
// caches, as in the pipeline), and understandEvent over the events. The "text + understand" row of `npm run bench` is
// their whole; this says where its time goes.
import type { Article } from '../model.js';
import { contentTokens, splitSentences } from '../text/index.js';
import { ARTICLE_BUDGET_MS, Budget, extractMentions, findDates, findNames, referenceDate, understandArticle, understandEvent } from '../understand/index.js';
import { median } from './corpus.js';

export interface StageCost {
  stage: string;
  /** Median over the rounds of the milliseconds per article. */
  msPerArticle: number;
}

const STAGES = [
  'sentences and their content tokens',
  'rules (entities.ts extractMentions)',
  'names: the tagger and the rules around it (names.ts findNames)',
  'dates (dates.ts findDates)',
  'events: names resolved, quotes found and merged, dated (understandEvent)',
] as const;

/** Each stage's cost per article over `rounds` rounds after a warm-up; `groups`: each topic's events, as article
 * indices. */
export function understandingByStage(byTopic: Article[][], groups: number[][][], rounds: number): StageCost[] {
  const runs: number[][] = STAGES.map(() => []);
  const articles = byTopic.reduce((n, arts) => n + arts.length, 0);
  for (let r = 0; r <= rounds; r++) {
    const spent = new Float64Array(STAGES.length);
    byTopic.forEach((arts, t) => {
      for (const article of arts) {
        let at = performance.now();
        const lap = (stage: number) => {
          const now = performance.now();
          spent[stage] += now - at;
          at = now;
        };
        const sentences = splitSentences(article.text);
        for (const s of sentences) s.tokens = contentTokens(s.text);
        lap(0);
        const cues = extractMentions(article.text, sentences);
        lap(1);
        findNames(article.text, sentences, cues);
        lap(2);
        const budget = new Budget(ARTICLE_BUDGET_MS);
        findDates(article.text, sentences, referenceDate(article, budget), budget);
        lap(3);
      }
      // The events read what the articles' understanding gives, made outside the clock.
      const understood = arts.map(understandArticle);
      const started = performance.now();
      for (const g of groups[t]) understandEvent(g.map((i) => understood[i]));
      spent[4] += performance.now() - started;
    });
    if (r > 0) spent.forEach((ms, stage) => runs[stage].push(ms / articles));
  }
  return STAGES.map((stage, i) => ({ stage, msPerArticle: median(runs[i]) }));
}
