// The pages of the web interface, server-rendered from the store: the front page (events), an article, search, and a
// topic timeline (the event page and its parts are in event-page.ts). Each is a function from data to HTML (html.ts escapes every value); the routes that
// fetch the data are in index.ts.
import { reportingSpan, type Article, type Citation, type Event, type EventCard, type TimelineDate } from '../model.js';
import type { SearchPage, TimelineReport } from '../service/search.js';
import { MAX_SEARCH_OFFSET } from '../store/types.js';
import { dayChart, reportsPerDay } from './chart.js';
import { html, markedPassage, safeUrl, SafeHtml } from './html.js';
import { reportLabel } from '../text/label.js';
import { articleHref, eventHref, qs, sentences } from './parts.js';

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


/**
 * The filters, folded away behind "Filter" until a filter is set: on a phone the open form filled the first screen,
 * and most visits use none.
 */
function filterForm(action: string, f: Filters, extra: SafeHtml = html``, openAnyway = false): SafeHtml {
  const open = openAnyway || Object.values(f).some(Boolean);
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
<p class="meta">${e.date ? html`Happened ${e.date} · ` : ''}reported ${reportingSpan(e)} · ${e.articleCount} report${e.articleCount === 1 ? '' : 's'} · ${outletLine(e)}</p>
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

/**
 * The search page: the form; how many articles match; a page of hits with their passages and the events they fall in;
 * links to the pages before and after. A page past the last one says so, with a link to the last.
 */
export function searchPage(q: string, f: Filters, result: SearchPage | null): string {
  // The search page's own form holds the query: open on the empty page, where it is what one came for.
  const form = filterForm('/search', f, html`<label>Words or a name <input name="q" type="search" required value="${q}"></label>`, !q);
  if (!result) return layout('Search', html`<h1>Search</h1>${form}<p>Search the stored articles: words, or a name in any spelling.</p>`, q);
  const { total, page, size, hits, events } = result;
  // Pages a search reaches: those starting before MAX_SEARCH_OFFSET hits.
  const pages = Math.min(Math.ceil(total / size), Math.ceil(MAX_SEARCH_OFFSET / size));
  const link = (p: number) => `/search${qs({ q, ...f, page: p > 1 ? p : undefined })}`;
  const searched = result.searched.map((s) => `“${s}”`).join(' / ');
  const timeline = html`<a href="/timeline${qs({ q, ...f })}">timeline of these reports</a>`;
  if (!hits.length && page > 1) {
    return layout(
      `Search: ${q}, page ${page}`,
      html`<h1>Search</h1>${form}
<p role="status">There is no page ${page}: ${
        !total
          ? `no articles for ${searched}`
          : total > MAX_SEARCH_OFFSET
            ? `pages reach the best ${MAX_SEARCH_OFFSET} of the ${total} articles for ${searched}, ${pages} pages`
            : `the ${total} article${total === 1 ? '' : 's'} for ${searched} fill${total === 1 ? 's' : ''} ${pages} page${pages === 1 ? '' : 's'}`
      }.${pages ? html` <a href="${link(pages)}">The last page</a>.` : ''}</p>`,
      q,
    );
  }
  const first = (page - 1) * size + 1;
  const last = first + hits.length - 1;
  const paged = pages > 1;
  return layout(
    `Search: ${q}${page > 1 ? `, page ${page}` : ''}`,
    html`<h1>Search</h1>${form}
<p class="meta" role="status">${total} article${total === 1 ? '' : 's'} for ${searched}${paged ? `, hits ${first}–${last} (page ${page} of ${pages})` : ''} · ${timeline}</p>
${events.length ? html`<section aria-labelledby="ev-h"><h2 id="ev-h">${paged ? 'These hits are in' : 'In'} ${events.length} event${events.length === 1 ? '' : 's'}</h2><ul>${events.map((e) => html`<li><a href="${eventHref(e.id)}">${e.headline}</a> <span class="meta">${e.date ?? ''} · ${e.hits} of its ${e.articleCount} articles</span></li>`)}</ul></section>` : ''}
<section aria-labelledby="hits-h"><h2 id="hits-h">Articles</h2><ol class="events" start="${first}">${hits.map((h) => html`<li><h3><a href="${articleHref(h.article)}">${h.title ?? h.article}</a></h3><p class="meta">${h.outlet ?? 'unidentified outlet'}${h.published ? ` · ${h.published}` : ''}</p><p>${markedPassage(h.snippet)}</p></li>`)}</ol></section>
${paged ? html`<nav class="pages" aria-label="Pages">${page > 1 ? html`<a href="${link(page - 1)}" rel="prev">← Previous</a>` : ''}${page < pages ? html`<a href="${link(page + 1)}" rel="next">Next →</a>` : ''}</nav>` : ''}
${total > MAX_SEARCH_OFFSET ? html`<p class="meta">Pages reach the best ${MAX_SEARCH_OFFSET} hits: narrow the search (dates, an outlet, a name) to see the others.</p>` : ''}`,
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
