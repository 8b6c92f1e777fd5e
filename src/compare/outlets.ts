// Who told the event: each outlet with its articles, dates, credited agencies, the reports it copied from another
// outlet, and its profile from the outlet registry (country, kind).
import type { Article, OutletCoverage, OutletKind } from '../model.js';

/** What the registry says of an outlet (the compare stage is given a lookup; it does not load the registry). */
export interface OutletProfileLookup {
  (name: string): { country?: string; kind?: OutletKind } | undefined;
}

/** What reports whose outlet could not be read are counted under: one row, however many (not one outlet each). */
export const UNIDENTIFIED = 'unidentified';

/** The outlet an article is counted under: the one the cleaner read, else `UNIDENTIFIED`. */
export function outletOf(article: Pick<Article, 'id' | 'outlet'>): string {
  return article.outlet ?? UNIDENTIFIED;
}

/** `articles` in the event's reading order; outlets in order of their first report, then name. */
export function outletCoverage(articles: Article[], duplicateOf: ReadonlyMap<string, string> = new Map(), profileOf: OutletProfileLookup = () => undefined): OutletCoverage[] {
  const byId = new Map(articles.map((a) => [a.id, a]));
  const rows = new Map<string, OutletCoverage>();
  for (const a of articles) {
    const name = outletOf(a);
    let row = rows.get(name);
    if (!row) {
      const profile = a.outlet ? profileOf(a.outlet) : undefined;
      row = { outlet: name, identified: Boolean(a.outlet), country: profile?.country ?? null, kind: profile?.kind ?? null, articles: [], first: null, last: null, agencies: [], copies: [] };
      rows.set(name, row);
    }
    row.articles.push(a.id);
    if (a.published) {
      if (!row.first || a.published < row.first) row.first = a.published;
      if (!row.last || a.published > row.last) row.last = a.published;
    }
    for (const agency of a.agencies) if (agency !== name && !row.agencies.includes(agency)) row.agencies.push(agency);
    const original = duplicateOf.get(a.id);
    if (original) {
      const of = byId.get(original);
      const ofOutlet = of ? outletOf(of) : null;
      // A copy of the outlet's own earlier report is a republication, not a copy of another outlet's work.
      if (ofOutlet !== name) row.copies.push({ article: a.id, of: original, outlet: of?.outlet ?? null });
    }
  }
  return [...rows.values()];
}
