// The pages of the web interface, server-rendered from the store: the front page (events), an event, an article,
// search, and a topic timeline. Each is a function from data to HTML (html.ts escapes every value); the routes that
// fetch the data are in index.ts.
import { REPORTS_SHOWN, reportingSpan, type Article, type Citation, type Comparison, type Entity, type Event, type EventCard, type SummarySentence, type TimelineDate } from '../model.js';
import type { SearchHit } from '../store/index.js';
import type { EventHit, TimelineReport } from '../service/search.js';
import { dayChart, reportsPerDay } from './chart.js';
import { html, markedPassage, safeUrl, SafeHtml } from './html.js';
import { reportLabel } from '../text/label.js';

export interface Filters {
  from?: string;
  to?: string;
  outlet?: string;
  entity?: string;
}

/** A page: its title and main content inside the shared layout (landmarks, skip link, search in the header). */
export function layout(title: string, main: SafeHtml, query = ''): string {
  return `<!doctype html>${html`<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · newsdesk</title>
<link rel="stylesheet" href="/assets/app.css">
<link rel="icon" href="/favicon.ico" type="image/svg+xml">
<script src="/assets/app.js" defer></script>
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header class="site">
<a class="brand" href="/">newsdesk</a>
<nav aria-label="Site"><ul><li><a href="/">Events</a></li><li><a href="/search">Search</a></li><li><a href="/timeline">Timeline</a></li></ul></nav>
<form role="search" action="/search" method="get"><label for="site-q" class="skip">Search articles</label><input id="site-q" name="q" type="search" placeholder="Search articles, names…" value="${query}"><button type="submit">Search</button></form>
</header>
<main id="main">${main}</main>
<footer class="site">newsdesk — events from news reports, every summary sentence citing its sources. <a href="/api/openapi.json">API</a></footer>
</body>
</html>`.value}`;
}

function qs(params: Record<string, string | number | undefined>): string {
  const entries = Object.entries(params).filter(([, v]) => v !== undefined && v !== '') as Array<[string, string | number]>;
  return entries.length ? `?${entries.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`).join('&')}` : '';
}

const eventHref = (id: string) => `/events/${encodeURIComponent(id)}`;
const articleHref = (id: string) => `/articles/${encodeURIComponent(id)}`;

/**
 * The filters, folded away behind "Filter" until a filter is set: on a phone the open form filled the first screen,
 * and most visits use none.
 */
function filterForm(action: string, f: Filters, extra: SafeHtml = html``): SafeHtml {
  const open = Object.values(f).some(Boolean);
  return html`<details class="filter-box"${open ? html` open` : ''}><summary>Filter${open ? ' (filtered)' : ''}</summary>${filterFields(action, f, extra)}</details>`;
}

function filterFields(action: string, f: Filters, extra: SafeHtml): SafeHtml {
  return html`<form class="filters" action="${action}" method="get" aria-label="Filters">${extra}
<label>From <input type="date" name="from" value="${f.from ?? ''}"></label>
<label>To <input type="date" name="to" value="${f.to ?? ''}"></label>
<label>Outlet <input name="outlet" value="${f.outlet ?? ''}" placeholder="e.g. AFP"></label>
<label>Person, organisation or place <input name="entity" value="${f.entity ?? ''}" placeholder="e.g. Mubarak"></label>
<button type="submit">Apply</button></form>`;
}

/** Outlets a front-page item names before "and N more". */
const CARD_OUTLETS = 3;

/** "AFP, Press TV, SANA and 2 more" — the identified outlets first, the unidentified counted as one. */
function outletLine(e: EventCard): string {
  const named = e.outlets.slice(0, CARD_OUTLETS);
  const rest = e.outletCount - named.length;
  if (!named.length) return `${e.outletCount} outlet${e.outletCount === 1 ? '' : 's'}`;
  return `${named.join(', ')}${rest > 0 ? ` and ${rest} more` : ''}`;
}

/** The front page: events, newest first (or biggest first), filtered, paged; each a headline, a line of summary, when, and who reported it. */
export function frontPage(events: EventCard[], total: number, page: number, size: number, f: Filters, order: 'recent' | 'size'): string {
  const pages = Math.max(1, Math.ceil(total / size));
  const link = (p: number) => `/${qs({ ...f, order: order === 'size' ? 'size' : undefined, page: p > 1 ? p : undefined })}`;
  const items = events.map((e) => {
    const people = e.people.slice(0, 3);
    const places = e.places.slice(0, 3);
    return html`<li><article aria-labelledby="h-${e.id}">
<h2 id="h-${e.id}"><a href="${eventHref(e.id)}">${e.headline}</a></h2>
${e.lede && e.lede !== e.headline ? html`<p class="lede">${e.lede}</p>` : ''}
<p class="meta">${e.date ? html`Happened ${e.date} · ` : ''}reported ${reportingSpan(e)} · ${e.articles} report${e.articles === 1 ? '' : 's'} · ${outletLine(e)}</p>
${people.length || places.length ? html`<ul class="tags" aria-label="People and places">${[...people, ...places].map((n) => html`<li><a href="/${qs({ entity: n })}">${n}</a></li>`)}</ul>` : ''}
</article></li>`;
  });
  const sorter = html`<label>Order <select name="order"><option value="recent"${order === 'recent' ? html` selected` : ''}>Newest first</option><option value="size"${order === 'size' ? html` selected` : ''}>Biggest first</option></select></label>`;
  return layout(
    'Events',
    html`<h1>Events</h1>
${filterForm('/', f, sorter)}
<p class="meta" role="status">${total} event${total === 1 ? '' : 's'}${total ? `, page ${Math.min(page, pages)} of ${pages}` : ''}</p>
${events.length ? html`<ol class="events">${items}</ol>` : total ? html`<p>There is no page ${page}: the events fill ${pages} page${pages === 1 ? '' : 's'}. <a href="${link(pages)}">The last page</a>.</p>` : html`<p>No events${Object.values(f).some(Boolean) ? ' match these filters' : ' yet: ingest some articles (newsdesk ingest <path>)'}.</p>`}
<nav class="pages" aria-label="Pages">${page > 1 ? html`<a href="${link(page - 1)}" rel="prev">← Newer</a>` : ''}${page < pages ? html`<a href="${link(page + 1)}" rel="next">Older →</a>` : ''}</nav>`,
  );
}

/** A sentence that shows its sources on hover, on keyboard focus, and (with the script) pinned open on click. */
function citedSentence(s: SummarySentence, key: string, titles: Map<string, TimelineReport>): SafeHtml {
  const ids = [...new Set(s.citations.map((c) => c.article))];
  return html`<span class="cite"><button type="button" class="sentence" aria-expanded="false" aria-describedby="${key}">${s.text}</button><span class="sources" id="${key}" role="tooltip"><strong>Sources (${ids.length}):</strong><ul>${ids.map((id) => {
    const a = titles.get(id);
    return html`<li><a href="${articleHref(id)}">${a?.outlet ?? 'unidentified outlet'}${a?.published ? `, ${a.published}` : ''}</a> — ${a ? reportLabel(a) : id}</li>`;
  })}</ul></span></span>`;
}

function sentences(list: SummarySentence[], prefix: string, titles: Map<string, TimelineReport>): SafeHtml {
  return html`<ol class="summary">${list.map((s, i) => html`<li>${citedSentence(s, `${prefix}-${i}`, titles)}</li>`)}</ol>`;
}

/** An event page lists this many outlets at most (a flood of reports can bring tens of thousands), the biggest first… */
const PAGE_OUTLETS = 200;
/** …links to this many of an outlet's reports… */
const PAGE_OUTLET_REPORTS = 50;
/** …and gives the coverage matrix a column for this many outlets, those with the most reports. */
const MATRIX_OUTLETS = 30;

const more = (n: number, what: string) => (n > 0 ? html` <span class="meta">and ${n.toLocaleString('en')} more ${what}</span>` : html``);

function comparisonSections(c: Comparison, titles: Map<string, Article>): SafeHtml {
  const biggest = [...c.outlets].sort((a, b) => b.articles.length - a.articles.length);
  const shown = new Set(biggest.slice(0, PAGE_OUTLETS));
  const rows = c.outlets.filter((o) => shown.has(o)); // in the order of their first report
  const inMatrix = new Set(biggest.slice(0, MATRIX_OUTLETS));
  const outlets = c.outlets.filter((o) => inMatrix.has(o)).map((o) => o.outlet);
  const facts = c.facts.slice(0, 15);
  const read = c.factsRead ? ` They were read from ${c.factsRead.articles.toLocaleString('en')} of the event's ${c.factsRead.of.toLocaleString('en')} reports: every outlet's share, spread over its reporting.` : '';
  const columns = c.outlets.length > outlets.length ? ` The ${outlets.length} outlets with the most reports of ${c.outlets.length.toLocaleString('en')} are shown.` : '';
  return html`<section aria-labelledby="outlets"><h2 id="outlets">Outlets</h2><div class="scroll"><table>
<thead><tr><th scope="col">Outlet</th><th scope="col">Country</th><th scope="col">Kind</th><th scope="col">Articles</th><th scope="col">First</th><th scope="col">Agencies credited</th><th scope="col">Copies of</th></tr></thead>
<tbody>${rows.map((o) => html`<tr><th scope="row">${o.outlet}</th><td>${o.country ?? '—'}</td><td>${o.kind ?? '—'}</td><td>${o.articles.slice(0, PAGE_OUTLET_REPORTS).map((id, i) => html`${i ? ', ' : ''}<a href="${articleHref(id)}">${i + 1}</a>`)}${more(o.articles.length - PAGE_OUTLET_REPORTS, 'reports')}</td><td>${o.first ?? '—'}</td><td>${o.agencies.join(', ') || '—'}</td><td>${o.copies.slice(0, PAGE_OUTLET_REPORTS).map((x) => x.outlet ?? x.of).join(', ') || '—'}</td></tr>`)}</tbody></table></div>${c.outlets.length > rows.length ? html`<p class="meta">The ${rows.length} outlets with the most reports are listed, of ${c.outlets.length.toLocaleString('en')}.</p>` : ''}</section>
${facts.length ? html`<section aria-labelledby="coverage"><h2 id="coverage">Who reported what</h2><div class="scroll"><table>
<caption class="meta">The ${facts.length} most central facts, and the outlets that carried each (✔) or left it out.${columns}${read}</caption>
<thead><tr><th scope="col">Fact</th>${outlets.map((o) => html`<th scope="col">${o}</th>`)}</tr></thead>
<tbody>${facts.map((f, i) => html`<tr><th scope="row">${citedSentence({ text: f.text, citations: f.citations }, `fact-${i}`, titles)}</th>${outlets.map((o) => (f.outlets.includes(o) ? html`<td class="yes">✔<span class="skip"> carried by ${o}</span></td>` : html`<td class="no">–<span class="skip"> not in ${o}</span></td>`))}</tr>`)}</tbody></table></div></section>` : ''}
${c.framing.length ? html`<section aria-labelledby="framing"><h2 id="framing">Word choices</h2><div class="scroll"><table>
<thead><tr><th scope="col">About</th><th scope="col">Wording</th><th scope="col">Terms</th>${outlets.map((o) => html`<th scope="col">${o}</th>`)}</tr></thead>
<tbody>${c.framing.flatMap((f) => f.sides.map((side, i) => html`<tr>${i === 0 ? html`<th scope="rowgroup" rowspan="${f.sides.length}">${f.referent}${f.source === 'learned' ? ' (learned)' : ''}</th>` : ''}<td>${side.label}</td><td>${side.terms.map((t) => t.term).join(', ')}</td>${outlets.map((o) => html`<td>${side.counts[o] ?? 0}</td>`)}</tr>`))}</tbody></table></div></section>` : ''}
${c.note.length ? html`<section aria-labelledby="note"><h2 id="note">How the outlets differ</h2>${sentences(c.note, 'note', titles)}</section>` : ''}`;
}

/** The event page. */
/** `articles`: the event's reports the page shows (see articlesShownWith); all of them for any event of ordinary size. */
export function eventPage(e: Event, articles: Article[], mergedFrom?: string): string {
  const titles = new Map(articles.map((a) => [a.id, a]));
  // The reports listed (and charted): in the event's reading order, only those of its first REPORTS_SHOWN.
  const first = new Set(e.articles.slice(0, REPORTS_SHOWN));
  const shown = articles.filter((a) => first.has(a.id));
  const partial = shown.length < e.articles.length;
  const bySpeaker = new Map<string, NonNullable<Event['quotes']>>();
  for (const q of e.quotes ?? []) bySpeaker.set(q.speaker ?? 'Unattributed', [...(bySpeaker.get(q.speaker ?? 'Unattributed') ?? []), q]);
  const coverage = new Map((e.comparison?.quotes ?? []).map((q) => [q.text, q]));
  const outletOf = (id: string) => titles.get(id)?.outlet ?? 'unidentified';
  const entityList = (type: Entity['type'], label: string) => {
    const list = (e.entities ?? []).filter((x) => x.type === type);
    return list.length
      ? html`<h3>${label}</h3><ul>${list.map((x) => html`<li><a href="/${qs({ entity: x.name })}">${x.name}</a>${x.roles.length ? html` — ${x.roles.join('; ')}` : ''}${x.aliases.filter((a) => a !== x.name).length ? html` <span class="meta">(also written ${x.aliases.filter((a) => a !== x.name).join(', ')})</span>` : ''} <span class="meta">· ${x.articles.length} article${x.articles.length === 1 ? '' : 's'} · <a href="/timeline${qs({ entity: x.name })}">timeline</a></span></li>`)}</ul>`
      : '';
  };
  return layout(
    e.headline,
    html`<article aria-labelledby="title">
${mergedFrom ? html`<p class="meta" role="note">Event ${mergedFrom} was merged into this one.</p>` : ''}
<h1 id="title">${e.headline}</h1>
<p class="meta">${e.date ? html`Happened ${e.date} · ` : ''}reported ${reportingSpan(e)} · ${e.articles.length} article${e.articles.length === 1 ? '' : 's'} · ${e.comparison?.outlets.length ?? 0} outlets${e.story && e.story !== e.id ? html` · part of <a href="${eventHref(e.story)}">a longer story</a>` : ''}</p>
<section aria-labelledby="summary"><h2 id="summary">Summary</h2><p class="meta">Hover over, focus or click a sentence to see the reports it comes from.</p>${sentences(e.summary, 's', titles)}</section>
<section aria-labelledby="reports"><h2 id="reports">Reports per day</h2>${partial ? html`<p class="meta">Of the ${shown.length.toLocaleString('en')} reports listed below.</p>` : ''}${dayChart(reportsPerDay(shown.map((a) => a.published)), 'Reports per day', e.date ? [e.date] : [])}</section>
${e.comparison ? comparisonSections(e.comparison, titles) : ''}
${bySpeaker.size ? html`<section aria-labelledby="quotes"><h2 id="quotes">Who said what</h2>${[...bySpeaker].map(([speaker, quotes]) => html`<h3>${speaker}</h3>${quotes.map((q) => {
      const cov = coverage.get(q.text);
      return html`<blockquote><p>“${q.text}”</p><footer class="meta">${q.speakerRole ? html`${q.speakerRole} · ` : ''}carried by ${cov ? cov.carriedBy.join(', ') : [...new Set(q.articles.map(outletOf))].join(', ')}${cov?.leftOutBy.length ? html` · left out by ${cov.leftOutBy.join(', ')}` : ''}${cov?.differences.length ? html` · wording differs: ${cov.differences.join('; ')}` : ''} · ${q.articles.map((id, i) => html`${i ? ', ' : ''}<a href="${articleHref(id)}">${outletOf(id)}</a>`)}</footer></blockquote>`;
    })}`)}</section>` : ''}
<section aria-labelledby="entities"><h2 id="entities">Who and where</h2>${entityList('person', 'People')}${entityList('organization', 'Organisations')}${entityList('place', 'Places')}</section>
${e.read ? html`<p class="meta" role="note">This event has ${e.read.of.toLocaleString('en')} reports: its summary, people, quotes and comparison were drawn from ${e.read.articles.toLocaleString('en')} of them, every outlet's share, spread over its reporting.</p>` : ''}
<section aria-labelledby="sources"><h2 id="sources">Reports</h2>${partial ? html`<p class="meta">The first ${shown.length.toLocaleString('en')} of ${e.articles.length.toLocaleString('en')} reports.</p>` : ''}<ol>${shown.map((a) => html`<li><a href="${articleHref(a.id)}">${reportLabel(a)}</a> <span class="meta">${a.outlet ?? 'unidentified outlet'}${a.published ? ` · ${a.published}` : ''}${a.duplicateOf ? ' · copy of an earlier report' : ''}</span></li>`)}</ol></section>
</article>`,
  );
}

/** The sentences of an event's summary and comparison that cite an article: the indexes of its sentences cited. */
export function citedSentences(e: Event | undefined, articleId: string): Set<number> {
  const out = new Set<number>();
  const take = (cs: Citation[]) => cs.forEach((c) => c.article === articleId && out.add(c.sentence));
  if (!e) return out;
  e.summary.forEach((s) => take(s.citations));
  e.comparison?.note.forEach((s) => take(s.citations));
  return out;
}

/** The article page: its cleaned text, paragraph by paragraph, sentences cited by its event highlighted; what the
 * cleaner removed, greyed, with the reason. */
export function articlePage(a: Article, event: Event | undefined): string {
  const cited = citedSentences(event, a.id);
  const spans = a.sentences ?? [];
  // The text cut at sentence boundaries; a cited sentence wrapped in <mark class="cited">, paragraphs at newlines.
  const pieces: SafeHtml[] = [];
  let at = 0;
  spans.forEach((s, i) => {
    if (s.start > at) pieces.push(html`${a.text.slice(at, s.start)}`);
    const text = a.text.slice(s.start, s.end);
    pieces.push(cited.has(i) ? html`<mark class="cited" title="Cited in the event's summary">${text}</mark>` : html`${text}`);
    at = s.end;
  });
  if (at < a.text.length) pieces.push(html`${a.text.slice(at)}`);
  const body = pieces.map((p) => p.value).join('');
  const paragraphs = body.split('\n').filter((p) => p.trim());
  const url = safeUrl(a.url);
  return layout(
    reportLabel(a),
    html`<article aria-labelledby="title">
<h1 id="title">${reportLabel(a)}</h1>
<p class="meta">${a.outlet ?? 'unidentified outlet'}${a.published ? ` · ${a.published}` : ''}${a.dateline ? ` · dateline ${a.dateline}` : ''}${a.agencies.length ? ` · credits ${a.agencies.join(', ')}` : ''}${a.language ? ` · language ${a.language}` : ''}${url ? html` · <a href="${url}" rel="noopener noreferrer nofollow">original</a>` : ''}</p>
${event ? html`<p>In the event <a href="${eventHref(event.id)}">${event.headline}</a>.${cited.size ? html` The ${cited.size} highlighted sentence${cited.size === 1 ? ' is' : 's are'} cited in its summary or comparison.` : ''}</p>` : ''}
<section aria-labelledby="text-h"><h2 id="text-h">Text</h2><div class="article-text">${paragraphs.map((p) => html`<p>${new SafeHtml(p)}</p>`)}</div></section>
${a.removed.length ? html`<section aria-labelledby="removed-h" class="removed"><h2 id="removed-h">Removed by cleaning</h2><ul>${a.removed.map((r) => html`<li><span>${r.line}</span> <span class="reason">— ${r.reason}</span></li>`)}</ul></section>` : ''}
</article>`,
  );
}

/** The search page: the form, the hits with their passages, the events they fall in. */
export function searchPage(q: string, f: Filters, result: { searched: string[]; hits: SearchHit[]; events: EventHit[] } | null): string {
  const form = filterForm('/search', f, html`<label>Words or a name <input name="q" type="search" required value="${q}"></label>`);
  if (!result) return layout('Search', html`<h1>Search</h1>${form}<p>Search the stored articles: words, or a name in any spelling.</p>`, q);
  return layout(
    `Search: ${q}`,
    html`<h1>Search</h1>${form}
<p class="meta" role="status">${result.hits.length} article${result.hits.length === 1 ? '' : 's'} for ${result.searched.map((s) => `“${s}”`).join(' / ')} · <a href="/timeline${qs({ q, ...f })}">timeline of these reports</a></p>
${result.events.length ? html`<section aria-labelledby="ev-h"><h2 id="ev-h">In ${result.events.length} event${result.events.length === 1 ? '' : 's'}</h2><ul>${result.events.map((e) => html`<li><a href="${eventHref(e.id)}">${e.headline}</a> <span class="meta">${e.date ?? ''} · ${e.hits} of its ${e.articles} articles</span></li>`)}</ul></section>` : ''}
<section aria-labelledby="hits-h"><h2 id="hits-h">Articles</h2><ol class="events">${result.hits.map((h) => html`<li><h3><a href="${articleHref(h.article)}">${h.title ?? h.article}</a></h3><p class="meta">${h.outlet ?? 'unidentified outlet'}${h.published ? ` · ${h.published}` : ''}</p><p>${markedPassage(h.snippet)}</p></li>`)}</ol></section>`,
    q,
  );
}

/** The topic timeline page: key dates with their cited sentences, and reports per day with those dates marked. */
export function timelinePage(q: string, f: Filters, articles: TimelineReport[], timeline: TimelineDate[] | null): string {
  const form = filterForm('/timeline', f, html`<label>Topic: words or a name <input name="q" type="search" value="${q}"></label>`);
  if (!timeline) return layout('Timeline', html`<h1>Timeline</h1>${form}<p>The days that matter most in the reports on a topic, each told in sentences that cite them.</p>`, q);
  const titles = new Map(articles.map((a) => [a.id, a]));
  const dates = timeline.map((t) => t.date);
  return layout(
    `Timeline: ${q}`,
    html`<h1>Timeline: ${q}</h1>${form}
<p class="meta" role="status">${articles.length} report${articles.length === 1 ? '' : 's'}, ${timeline.length} key date${timeline.length === 1 ? '' : 's'}</p>
<section aria-labelledby="chart-h"><h2 id="chart-h">Reports per day</h2>${dayChart(reportsPerDay(articles.map((a) => a.published)), 'Reports per day', dates)}</section>
<section aria-labelledby="dates-h"><h2 id="dates-h">Key dates</h2><dl class="timeline">${[...timeline].sort((x, y) => x.date.localeCompare(y.date)).map((t) => html`<dt>${t.date}</dt><dd>${sentences(t.sentences, `t-${t.date}`, titles)}</dd>`)}</dl></section>`,
    q,
  );
}
