// The web interface `newsdesk serve` serves beside the API: server-rendered pages (pages.ts) over the store, one
// stylesheet and one small script (assets.ts). Every HTML response carries a Content-Security-Policy that allows
// only this origin's script and stylesheet — so that even a flaw in escaping could not run a script an article
// smuggled in — and forbids framing, plugins and base-URL tricks.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Event } from '../model.js';
import type { NewsStore } from '../store/index.js';
import { asPage, pageOffset, pageOutOfReach, SEARCH_PAGE_SIZE, type Reads } from '../service/search.js';
import { SearchTimeout } from '../service/search-threads.js';
import { SCRIPT, STYLESHEET } from './assets.js';
import { articlePage, frontPage, layout, searchPage, timelinePage, type Filters } from './pages.js';
import { articlesForEventPage, articlesForPart, CHARTED_REPORTS, EVENT_PAGE, eventPage, eventPartPage, pageOf, partTotal, quotesOnEventPage, quotesOnPartPage, type EventPart } from './event-page.js';
import { html } from './html.js';

export const CONTENT_SECURITY_POLICY =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'; object-src 'none'";

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const EVENT_PARTS = new Set<string>(['reports', 'quotes', 'outlets', 'entities', 'comparison']);
const PAGE_SIZE = 20;

type Query = Record<string, string | undefined>;

/** The filters of a query string, each kept only when well-formed (a bad date is ignored, not an error page). */
function filtersOf(q: Query): Filters {
  const text = (v: string | undefined) => (v && v.trim() && v.length <= 200 ? v.trim() : undefined);
  return {
    from: q.from && DAY.test(q.from) ? q.from : undefined,
    to: q.to && DAY.test(q.to) ? q.to : undefined,
    outlet: text(q.outlet),
    entity: text(q.entity),
  };
}

/**
 * What is wrong with a front page's query, in words, or null: an order it does not know, a date that is not one, a
 * page that is not a number. Silently ignored before, so that "?order=biggest" looked like a broken sort.
 */
function frontPageProblem(q: Query): string | null {
  if (q.order !== undefined && q.order !== 'size' && q.order !== 'recent') return `Unknown order "${q.order}": use size (biggest first) or recent (newest first).`;
  for (const name of ['from', 'to'] as const) {
    const v = q[name];
    if (v !== undefined && v !== '' && !(DAY.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v))) {
      return `"${v}" is not a date: ${name} takes a day as YYYY-MM-DD.`;
    }
  }
  if (q.page !== undefined && q.page !== '' && !/^[1-9]\d{0,5}$/.test(q.page)) return `"${q.page}" is not a page number.`;
  return null;
}

/** A newspaper-page icon, as SVG. */
const FAVICON = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><rect x="1" y="2" width="14" height="12" rx="2" fill="#1a5fb4"/><rect x="3" y="4" width="10" height="2" fill="#fff"/><rect x="3" y="8" width="4" height="4" fill="#fff"/><rect x="8" y="8" width="5" height="1" fill="#fff"/><rect x="8" y="11" width="5" height="1" fill="#fff"/></svg>';

function send(reply: FastifyReply, page: string, status = 200): FastifyReply {
  return reply.status(status).header('content-type', 'text/html; charset=utf-8').header('content-security-policy', CONTENT_SECURITY_POLICY).header('x-content-type-options', 'nosniff').header('referrer-policy', 'no-referrer').send(page);
}

function notFound(reply: FastifyReply, what: string): FastifyReply {
  return send(reply, layout('Not found', html`<h1>Not found</h1><p>${what}</p><p><a href="/">Back to the events</a></p>`), 404);
}

/** A search or timeline stopped at its deadline (src/service/search-threads.ts): 503, with why. */
function stopped(reply: FastifyReply, err: unknown): FastifyReply {
  if (!(err instanceof SearchTimeout)) throw err;
  return send(reply, layout('Too long', html`<h1>Too long</h1><p>${err.message}</p><p><a href="/">Back to the events</a></p>`), 503);
}

/** The pages; search and timelines through `reads` (the server's search threads), the rest from `store`. */
export async function registerWeb(app: FastifyInstance, store: NewsStore, reads: Reads): Promise<void> {
  const asset = (type: string, body: string) => async (_req: FastifyRequest, reply: FastifyReply) =>
    reply.header('content-type', type).header('cache-control', 'public, max-age=3600').header('x-content-type-options', 'nosniff').send(body);
  app.get('/assets/app.css', asset('text/css; charset=utf-8', STYLESHEET));
  app.get('/assets/app.js', asset('text/javascript; charset=utf-8', SCRIPT));

  // The site's icon: the browser asks for it on every first visit (a 404 each time, before).
  app.get('/favicon.ico', asset('image/svg+xml', FAVICON));

  app.get('/', async (req: FastifyRequest<{ Querystring: Query }>, reply) => {
    const problem = frontPageProblem(req.query);
    if (problem) return send(reply, layout('Bad request', html`<h1>Bad request</h1><p role="alert">${problem}</p><p><a href="/">Back to the events</a></p>`), 400);
    const f = filtersOf(req.query);
    const page = Math.min(100_000, Math.max(1, Number.parseInt(req.query.page ?? '1', 10) || 1));
    const order = req.query.order === 'size' ? 'size' : 'recent';
    const { total, events } = await store.eventCards({ ...f, order, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
    return send(reply, frontPage(events, total, page, PAGE_SIZE, f, order));
  });

  // An id is as long as the path allows (the server's maxParamLength): cut, a long id would name another article or none.
  app.get('/events/:id', async (req: FastifyRequest<{ Params: { id: string } }>, reply) => {
    const { id } = req.params;
    // The outline, read once, and the few facts and quotes' coverage the page shows: a big event's comparison is
    // most of its megabytes, and parsing it whole was most of the page's time.
    let outline = await store.eventOutline(id);
    const into = outline ? undefined : await store.mergedInto(id);
    if (into) outline = await store.eventOutline(into);
    if (!outline) return notFound(reply, `There is no event ${id}.`);
    const event = await withShownComparison(outline.event, 0, EVENT_PAGE.facts, quotesOnEventPage(outline.event));
    const published = await store.publishedOf(event.articles.slice(0, CHARTED_REPORTS));
    return send(reply, eventPage(event, await store.reportHeads(articlesForEventPage(event)), into ? id : undefined, published, outline.facts));
  });

  /** An outline with the slice of facts a page shows and the coverage of the quotes it shows in its comparison. */
  const withShownComparison = async (e: Event, offset: number, limit: number, quotes: string[]): Promise<Event> => {
    if (!e.comparison) return e;
    const [facts, coverage] = await Promise.all([limit ? store.comparisonFacts(e.id, offset, limit) : [], store.quoteCoverage(e.id, quotes)]);
    return { ...e, comparison: { ...e.comparison, facts, quotes: coverage } };
  };

  // An event's long lists, each on pages of its own.
  app.get('/events/:id/:part', async (req: FastifyRequest<{ Params: { id: string; part: string }; Querystring: Query }>, reply) => {
    const { id, part } = req.params;
    if (!EVENT_PARTS.has(part)) return notFound(reply, `An event has no page "${part}".`);
    if (req.query.page !== undefined && !/^[1-9]\d{0,5}$/.test(req.query.page)) return send(reply, layout('Bad request', html`<h1>Bad request</h1><p role="alert">"${req.query.page}" is not a page number.</p>`), 400);
    const page = Number(req.query.page ?? 1);
    const outline = await store.eventOutline((await store.mergedInto(id)) ?? id);
    if (!outline) return notFound(reply, `There is no event ${id}.`);
    const { start, end } = pageOf(partTotal(outline, part as EventPart), page);
    const event = await withShownComparison(outline.event, start, part === 'comparison' ? end - start : 0, part === 'quotes' ? quotesOnPartPage(outline.event, start, end) : []);
    const body = eventPartPage(event, part as EventPart, page, await store.reportHeads(articlesForPart(event, part as EventPart, page)), outline.facts);
    return body ? send(reply, body) : notFound(reply, `There is no page ${page} of this event's ${part}.`);
  });

  app.get('/articles/:id', async (req: FastifyRequest<{ Params: { id: string } }>, reply) => {
    const article = await store.article(req.params.id);
    if (!article) return notFound(reply, `There is no article ${req.params.id}.`);
    const eventId = await store.eventOf(article.id);
    return send(reply, articlePage(article, eventId ? (await store.eventOutline(eventId))?.event : undefined));
  });

  app.get('/search', async (req: FastifyRequest<{ Querystring: Query }>, reply) => {
    const q = (req.query.q ?? '').trim().slice(0, 500);
    const f = filtersOf(req.query);
    if (!q) return send(reply, searchPage(q, f, null));
    if (req.query.page !== undefined && req.query.page !== '' && !/^[1-9]\d{0,5}$/.test(req.query.page)) {
      return send(reply, layout('Bad request', html`<h1>Bad request</h1><p role="alert">${`"${req.query.page}" is not a page number.`}</p><p><a href="/search?${new URLSearchParams(Object.entries({ q, ...f }).filter((e): e is [string, string] => Boolean(e[1]))).toString()}">The first page</a></p>`), 400);
    }
    const page = Number(req.query.page || 1);
    // A page past the pages a search reaches reads none (only the total, to say so).
    const reachable = !pageOutOfReach(page, SEARCH_PAGE_SIZE);
    return reads.search({ text: q, ...f, limit: reachable ? SEARCH_PAGE_SIZE : 0, offset: reachable ? pageOffset(page, SEARCH_PAGE_SIZE) : 0 }).then(
      // A page past the last is not there: 404, saying so, with a link to the last.
      (result) => send(reply, searchPage(q, f, asPage(result, page, SEARCH_PAGE_SIZE)), page > 1 && !result.hits.length ? 404 : 200),
      (err: unknown) => stopped(reply, err),
    );
  });

  app.get('/timeline', async (req: FastifyRequest<{ Querystring: Query }>, reply) => {
    const q = (req.query.q ?? '').trim().slice(0, 500);
    const f = filtersOf(req.query);
    // A topic: words, or a person, organisation or place (the entity filter alone is a topic too).
    const topic = q || f.entity || '';
    if (!topic) return send(reply, timelinePage(q, f, [], null));
    return reads.timeline({ text: topic, ...f }, { dates: 10, sentences: 2 }).then(
      ({ reports, timeline }) => send(reply, timelinePage(topic, f, reports, timeline)),
      (err: unknown) => stopped(reply, err),
    );
  });
}
