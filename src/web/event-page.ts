// The event page, laid out for a story of any size the way Google News' Full Coverage or Ground News present one: the
// headline and the cited summary first, then when it was reported, who said what (the speakers with most quotes),
// the outlets (identified ones first, every report whose outlet could not be read as one line), the people and
// places, and the first reports. Every long list shows its first items and links to a page of its own, paged, so that
// no page is longer than a few screens whatever the event's size: a 320-report event's page was 15 MB. Comparison
// tables appear only where two or more identified outlets reported.
import { reportingSpan, type Comparison, type Entity, type Event, type EventOutline, type OutletCoverage, type Quote, type ReportHead } from '../model.js';
import { dayChart, reportsPerDay } from './chart.js';
import { html, type SafeHtml } from './html.js';
import { layout } from './pages.js';
import { citedSentence, sentences, articleHref, eventHref, qs, more } from './parts.js';
import { reportLabel } from '../text/label.js';

/** What the event page shows of each list before linking to its own page. */
export const EVENT_PAGE = {
  /** Speakers with the most quotes, and quotes of each. */
  speakers: 6,
  quotesPerSpeaker: 2,
  /** Outlets with the most reports. */
  outlets: 10,
  /** People, organisations and places, each. */
  entities: 8,
  /** The first reports in the event's reading order. */
  reports: 15,
  /** The comparison: facts and outlets in the coverage matrix and the word choices. */
  facts: 8,
  matrixOutlets: 8,
} as const;

/** A sub-page's list is cut into pages of this many items. */
export const LIST_PAGE = 50;

/** The parts of an event that have a page of their own. */
export type EventPart = 'reports' | 'quotes' | 'outlets' | 'entities' | 'comparison';

const partHref = (e: Event, part: EventPart, page?: number) => `${eventHref(e.id)}/${part}${qs({ page: page && page > 1 ? page : undefined })}`;
const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en')} ${n === 1 ? one : many}`;

/** Speakers by how many quotes the event has of them, the unattributed last. */
function quotesBySpeaker(e: Event): Array<[string, Quote[]]> {
  const by = new Map<string, Quote[]>();
  for (const q of e.quotes ?? []) by.set(q.speaker ?? 'Unattributed', [...(by.get(q.speaker ?? 'Unattributed') ?? []), q]);
  return [...by].sort((a, b) => Number(a[0] === 'Unattributed') - Number(b[0] === 'Unattributed') || b[1].length - a[1].length || a[0].localeCompare(b[0]));
}

/** Identified outlets by their number of reports; the unidentified row apart. */
function outletsOf(c: Comparison | undefined): { identified: OutletCoverage[]; unidentified: OutletCoverage | undefined } {
  const outlets = c?.outlets ?? [];
  return {
    identified: outlets.filter((o) => o.identified).sort((a, b) => b.articles.length - a.articles.length || a.outlet.localeCompare(b.outlet)),
    unidentified: outlets.find((o) => !o.identified),
  };
}

function quoteBlock(q: Quote, titles: Map<string, ReportHead>, c: Comparison | undefined): SafeHtml {
  const cov = c?.quotes.find((x) => x.text === q.text);
  const outletOf = (id: string) => titles.get(id)?.outlet ?? 'unidentified';
  const carriers = cov ? cov.carriedBy : [...new Set(q.articles.map(outletOf))];
  return html`<blockquote><p>“${q.text}”</p><footer class="meta">${q.speakerRole ? html`${q.speakerRole} · ` : ''}carried by ${carriers.slice(0, 6).join(', ')}${carriers.length > 6 ? ` and ${carriers.length - 6} more` : ''}${cov?.leftOutBy.length ? html` · left out by ${cov.leftOutBy.slice(0, 6).join(', ')}${cov.leftOutBy.length > 6 ? ` and ${cov.leftOutBy.length - 6} more` : ''}` : ''} · ${q.articles.slice(0, 5).map((id, i) => html`${i ? ', ' : ''}<a href="${articleHref(id)}">${outletOf(id)}</a>`)}${more(q.articles.length - 5, 'reports')}</footer></blockquote>`;
}

function outletRow(o: OutletCoverage): SafeHtml {
  return html`<li><strong>${o.outlet}</strong> <span class="meta">${[o.country, o.kind].filter(Boolean).join(' · ')}${o.country || o.kind ? ' · ' : ''}${plural(o.articles.length, 'report')}${o.first ? ` · first ${o.first}` : ''}${o.agencies.length ? ` · credits ${o.agencies.join(', ')}` : ''}</span></li>`;
}

function entityItem(x: Entity): SafeHtml {
  const also = x.aliases.filter((a) => a !== x.name);
  return html`<li><a href="/${qs({ entity: x.name })}">${x.name}</a>${x.roles.length ? html` — ${x.roles.slice(0, 3).join('; ')}` : ''}${also.length ? html` <span class="meta">(also ${also.slice(0, 4).join(', ')}${also.length > 4 ? '…' : ''})</span>` : ''} <span class="meta">· ${plural(x.articles.length, 'report')}</span></li>`;
}

/** The coverage matrix and word choices over the outlets with most reports; only for two or more identified outlets.
 * `c.facts` holds the facts read (the first `facts` shown), `factTotal` how many the comparison has. */
function comparisonTables(e: Event, c: Comparison, titles: Map<string, ReportHead>, facts: number, matrixOutlets: number, factTotal = c.facts.length): SafeHtml {
  const { identified } = outletsOf(c);
  if (identified.length < 2) return html``;
  const columns = identified.slice(0, matrixOutlets).map((o) => o.outlet);
  const shown = c.facts.slice(0, facts);
  return html`${shown.length ? html`<section aria-labelledby="coverage"><h2 id="coverage">Who reported what</h2><div class="scroll"><table>
<caption class="meta">The ${shown.length} most central facts, and which of the ${columns.length} outlets with most reports carried each.</caption>
<thead><tr><th scope="col">Fact</th>${columns.map((o) => html`<th scope="col">${o}</th>`)}</tr></thead>
<tbody>${shown.map((f, i) => html`<tr><th scope="row">${citedSentence({ text: f.text, citations: f.citations }, `fact-${i}`, titles)}</th>${columns.map((o) => (f.outlets.includes(o) ? html`<td class="yes">✔<span class="skip"> carried by ${o}</span></td>` : html`<td class="no">–<span class="skip"> not in ${o}</span></td>`))}</tr>`)}</tbody></table></div></section>` : ''}
${c.framing.length ? html`<section aria-labelledby="framing"><h2 id="framing">Word choices</h2><div class="scroll"><table>
<thead><tr><th scope="col">About</th><th scope="col">Wording</th><th scope="col">Terms</th>${columns.map((o) => html`<th scope="col">${o}</th>`)}</tr></thead>
<tbody>${c.framing.slice(0, facts).flatMap((f) => f.sides.map((side, i) => html`<tr>${i === 0 ? html`<th scope="rowgroup" rowspan="${f.sides.length}">${f.referent}</th>` : ''}<td>${side.label}</td><td>${side.terms.map((t) => t.term).join(', ')}</td>${columns.map((o) => html`<td>${side.counts[o] ?? 0}</td>`)}</tr>`))}</tbody></table></div></section>` : ''}
${c.note.length ? html`<section aria-labelledby="note"><h2 id="note">How the outlets differ</h2>${sentences(c.note, 'note', titles)}</section>` : ''}
${factTotal > shown.length || identified.length > columns.length ? html`<p><a href="${partHref(e, 'comparison')}">The whole comparison</a> <span class="meta">(${plural(factTotal, 'fact')}, ${plural(identified.length, 'outlet')})</span></p>` : ''}`;
}

/**
 * The event page. `e`: the event, its comparison holding at least the first EVENT_PAGE.facts facts and the coverage of
 * the quotes shown (quotesOnEventPage), `factTotal` the number of its facts; `articles`: the reports it needs (the
 * first EVENT_PAGE.reports of the event and every one its summary, comparison note and shown quotes cite: see
 * articlesForEventPage).
 */
export function eventPage(e: Event, articles: ReportHead[], mergedFrom?: string, published?: Array<string | null>, factTotal = e.comparison?.facts.length ?? 0): string {
  const titles = new Map(articles.map((a) => [a.id, a]));
  const { identified, unidentified } = outletsOf(e.comparison);
  const speakers = quotesBySpeaker(e);
  const quoteCount = e.quotes?.length ?? 0;
  const entities = (type: Entity['type'], label: string) => {
    const list = (e.entities ?? []).filter((x) => x.type === type);
    return list.length ? html`<h3>${label}</h3><ul>${list.slice(0, EVENT_PAGE.entities).map(entityItem)}</ul>${list.length > EVENT_PAGE.entities ? html`<p class="meta"><a href="${partHref(e, 'entities')}">All ${plural(list.length, label.toLowerCase().replace(/s$/, ''), label.toLowerCase())}</a></p>` : ''}` : '';
  };
  const first = e.articles.slice(0, EVENT_PAGE.reports).map((id) => titles.get(id)).filter((a): a is ReportHead => Boolean(a));
  const outletCount = identified.length + (unidentified ? 1 : 0);
  return layout(
    e.headline,
    html`<article aria-labelledby="title">
${mergedFrom ? html`<p class="meta" role="note">Event ${mergedFrom} was merged into this one.</p>` : ''}
<h1 id="title">${e.headline}</h1>
<p class="meta">${e.date ? html`Happened ${e.date} · ` : ''}reported ${reportingSpan(e)} · ${plural(e.articles.length, 'report')} · ${plural(outletCount, 'outlet')}${e.story && e.story !== e.id ? html` · part of <a href="${eventHref(e.story)}">a longer story</a>` : ''}</p>
<section aria-labelledby="summary"><h2 id="summary">Summary</h2><p class="meta">Hover over, focus or click a sentence to see the reports it comes from.</p>${sentences(e.summary, 's', titles)}</section>
${e.articles.length > 1 ? html`<section aria-labelledby="when"><h2 id="when">Reports per day</h2>${dayChart(reportsPerDay(published ?? first.map((a) => a.published)), 'Reports per day', e.date ? [e.date] : [])}</section>` : ''}
${speakers.length ? html`<section aria-labelledby="quotes"><h2 id="quotes">Who said what</h2>${speakers.slice(0, EVENT_PAGE.speakers).map(([speaker, quotes]) => html`<h3>${speaker} <span class="meta">· ${plural(quotes.length, 'quote')}</span></h3>${quotes.slice(0, EVENT_PAGE.quotesPerSpeaker).map((q) => quoteBlock(q, titles, e.comparison))}`)}${quoteCount > EVENT_PAGE.quotesPerSpeaker * Math.min(speakers.length, EVENT_PAGE.speakers) || speakers.length > EVENT_PAGE.speakers ? html`<p><a href="${partHref(e, 'quotes')}">All ${plural(quoteCount, 'quote')} of ${plural(speakers.length, 'speaker')}</a></p>` : ''}</section>` : ''}
${identified.length || unidentified ? html`<section aria-labelledby="outlets"><h2 id="outlets">Outlets</h2><ul class="outlets">${identified.slice(0, EVENT_PAGE.outlets).map(outletRow)}${unidentified ? html`<li><span class="meta">${plural(unidentified.articles.length, 'report')} whose outlet could not be read</span></li>` : ''}</ul>${identified.length > EVENT_PAGE.outlets ? html`<p><a href="${partHref(e, 'outlets')}">All ${plural(identified.length, 'outlet')}</a></p>` : ''}</section>` : ''}
${e.comparison ? comparisonTables(e, e.comparison, titles, EVENT_PAGE.facts, EVENT_PAGE.matrixOutlets, factTotal) : ''}
${(e.entities ?? []).length ? html`<section aria-labelledby="entities"><h2 id="entities">Who and where</h2>${entities('person', 'People')}${entities('organization', 'Organisations')}${entities('place', 'Places')}</section>` : ''}
${e.read ? html`<p class="meta" role="note">This event has ${e.read.of.toLocaleString('en')} reports: its summary, people, quotes and comparison were drawn from ${e.read.articles.toLocaleString('en')} of them, every outlet's share, spread over its reporting.</p>` : ''}
<section aria-labelledby="sources"><h2 id="sources">Reports</h2><ol>${first.map((a) => reportItem(a))}</ol>${e.articles.length > first.length ? html`<p><a href="${partHref(e, 'reports')}">All ${plural(e.articles.length, 'report')}</a></p>` : ''}</section>
</article>`,
  );
}

function reportItem(a: ReportHead): SafeHtml {
  return html`<li><a href="${articleHref(a.id)}">${reportLabel(a)}</a> <span class="meta">${a.outlet ?? 'unidentified outlet'}${a.published ? ` · ${a.published}` : ''}${a.duplicateOf ? ' · copy of an earlier report' : ''}</span></li>`;
}

/** An event's reports charted per day, at most this many (the first in its reading order). */
export const CHARTED_REPORTS = 5000;

/** The reports the event page needs from the store (a bounded number for an event of any size). */
export function articlesForEventPage(e: Event): string[] {
  const ids = new Set(e.articles.slice(0, EVENT_PAGE.reports));
  for (const s of e.summary) for (const c of s.citations) ids.add(c.article);
  for (const s of e.comparison?.note ?? []) for (const c of s.citations) ids.add(c.article);
  for (const f of e.comparison?.facts.slice(0, EVENT_PAGE.facts) ?? []) for (const c of f.citations) ids.add(c.article);
  for (const q of shownQuotes(e)) q.articles.slice(0, 5).forEach((id) => ids.add(id));
  return [...ids];
}

/** The quotes the event page shows: the first EVENT_PAGE.quotesPerSpeaker of the EVENT_PAGE.speakers speakers quoted most. */
function shownQuotes(e: Event): Quote[] {
  return quotesBySpeaker(e).slice(0, EVENT_PAGE.speakers).flatMap(([, quotes]) => quotes.slice(0, EVENT_PAGE.quotesPerSpeaker));
}

/** The texts of the quotes the event page shows: their coverage is what it needs of the comparison's quotes. */
export const quotesOnEventPage = (e: Event): string[] => shownQuotes(e).map((q) => q.text);

/** The quotes page's items `start` to `end`, speaker by speaker. */
const quotesInOrder = (e: Event, start: number, end: number): Quote[] => quotesBySpeaker(e).flatMap(([, qs]) => qs).slice(start, end);

/** The texts of the quotes items `start` to `end` of the quotes page show. */
export const quotesOnPartPage = (e: Event, start: number, end: number): string[] => quotesInOrder(e, start, end).map((q) => q.text);

/** Which items of a list of `total` a page shows, and how many pages there are. */
export function pageOf(total: number, page: number, size = LIST_PAGE): { start: number; end: number; pages: number } {
  const pages = Math.max(1, Math.ceil(total / size));
  const start = (page - 1) * size;
  return { start, end: Math.min(total, start + size), pages };
}

/** How many items a part lists in all: its pages are cut from these (the comparison's facts are counted by the outline). */
export function partTotal({ event: e, facts }: EventOutline, part: EventPart): number {
  if (part === 'reports') return e.articles.length;
  if (part === 'quotes') return (e.quotes ?? []).length;
  if (part === 'outlets') return outletsOf(e.comparison).identified.length;
  if (part === 'entities') return (e.entities ?? []).length;
  return facts;
}

/** The reports a part's page needs from the store (`e`'s comparison holds the page's facts, as eventPartPage's does). */
export function articlesForPart(e: Event, part: EventPart, page: number): string[] {
  const { start, end } = pageOf(partTotal({ event: e, facts: 0 }, part), page);
  if (part === 'reports') return e.articles.slice(start, end);
  if (part === 'quotes') return quotesInOrder(e, start, end).flatMap((q) => q.articles.slice(0, 5));
  if (part === 'comparison') return [...new Set((e.comparison?.facts ?? []).flatMap((f) => f.citations.map((c) => c.article)))];
  return [];
}

function pager(e: Event, part: EventPart, page: number, pages: number): SafeHtml {
  if (pages <= 1) return html``;
  return html`<nav class="pages" aria-label="Pages">${page > 1 ? html`<a href="${partHref(e, part, page - 1)}" rel="prev">← Previous</a>` : ''}<span class="meta">page ${page} of ${pages}</span>${page < pages ? html`<a href="${partHref(e, part, page + 1)}" rel="next">Next →</a>` : ''}</nav>`;
}

const PART_TITLES: Record<EventPart, string> = { reports: 'Reports', quotes: 'Who said what', outlets: 'Outlets', entities: 'People, organisations and places', comparison: 'How the outlets told it' };

/**
 * One part of an event on a page of its own, paged; null when the page is past the end. `e`'s comparison holds the
 * page's facts (of `factTotal`) and the coverage of the page's quotes (quotesOnPartPage).
 */
export function eventPartPage(e: Event, part: EventPart, page: number, articles: ReportHead[], factTotal: number): string | null {
  const titles = new Map(articles.map((a) => [a.id, a]));
  const total = partTotal({ event: e, facts: factTotal }, part);
  const { start, end, pages } = pageOf(total, page);
  if (page > pages) return null;
  let body: SafeHtml;
  if (part === 'reports') {
    body = html`<ol start="${start + 1}">${e.articles.slice(start, end).map((id) => titles.get(id)).filter((a): a is ReportHead => Boolean(a)).map(reportItem)}</ol>`;
  } else if (part === 'quotes') {
    let last = '';
    body = html`${quotesBySpeaker(e)
      .flatMap(([speaker, qs]) => qs.map((q) => ({ speaker, q })))
      .slice(start, end)
      .map(({ speaker, q }) => {
        const head = speaker !== last ? html`<h2>${speaker}</h2>` : html``;
        last = speaker;
        return html`${head}${quoteBlock(q, titles, e.comparison)}`;
      })}`;
  } else if (part === 'outlets') {
    const { identified, unidentified } = outletsOf(e.comparison);
    body = html`<ul class="outlets">${identified.slice(start, end).map(outletRow)}${unidentified && end === total ? html`<li><span class="meta">${plural(unidentified.articles.length, 'report')} whose outlet could not be read</span></li>` : ''}</ul>`;
  } else if (part === 'entities') {
    body = html`<ul>${(e.entities ?? []).slice(start, end).map(entityItem)}</ul>`;
  } else {
    const c = e.comparison;
    body = c ? comparisonTables(e, { ...c, note: page === 1 ? c.note : [] }, titles, LIST_PAGE, 30) : html`<p>These reports were not compared.</p>`;
  }
  return layout(
    `${PART_TITLES[part]} · ${e.headline}`,
    html`<p class="meta"><a href="${eventHref(e.id)}">← ${e.headline}</a></p><h1>${PART_TITLES[part]}</h1><p class="meta" role="status">${total.toLocaleString('en')} in all${pages > 1 ? `, page ${page} of ${pages}` : ''}</p>${body}${pager(e, part, page, pages)}`,
  );
}
