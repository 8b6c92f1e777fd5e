// The HTTP API (`newsdesk serve`): the stored events, articles, search and timelines as JSON, and a write endpoint
// behind a bearer token; beside it, the web interface for people (src/web). Fastify, with every route's parameters described by a schema at the edge (invalid input is
// answered 400 with what was wrong, before any handler runs), a body-size limit, a rate limit per client, and errors
// as JSON. The OpenAPI document at /api/openapi.json is built from the same schemas.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import rateLimit from '@fastify/rate-limit';
import type { RawArticle } from '../model.js';
import type { OutletRegistry } from '../clean/index.js';
import { MAX_ID_LENGTH } from '../clean/id.js';
import type { EventOptions } from '../pipeline/index.js';
import { asPage, pageOffset, pageOutOfReach, SEARCH_PAGE_SIZE, TIMELINE_ARTICLES } from '../service/search.js';
import { SearchThreads, SearchTimeout } from '../service/search-threads.js';
import { PostedArticles } from './posted.js';
import { registerWeb } from '../web/index.js';
import { eventView, EVENT_PARTS, COMPACT, parseInclude, reportCard } from '../service/event-view.js';
import { eventAnswerSchema, EVENT_ARTICLES, EVENT_CARD, EVENTS_PAGE, reportDefinitions, SEARCH_RESULT, TIMELINE_RESULT } from './schemas.js';
import { MAX_SEARCH_OFFSET, type NewsStore } from '../store/index.js';

export interface ServeOptions {
  store: NewsStore;
  registry: OutletRegistry;
  /** The bearer token POST /api/articles requires; without one, writing is refused. */
  token?: string;
  /** Largest request body, in bytes (default 1 MiB). */
  bodyLimit?: number;
  /** Requests a client may make in a minute (default 600). */
  rateLimit?: number;
  /** Milliseconds a client has to send a whole request (default 30 s): a body trickled in byte by byte (a slow-body
   * attack holding connections open) is cut off with 408. */
  requestTimeout?: number;
  events?: EventOptions;
  /** Where the store is, with its credentials (a PostgreSQL store's `location` hides its password): POSTed articles
   * are ingested in a thread with a connection of its own (default: the store's location). */
  storeLocation?: string;
  /** Bytes of POSTed articles accepted and not yet in the store's queue beyond which a POST is answered 503 (default
   * 64 MiB): they are held in memory until then. */
  waitingLimit?: number;
  /** Lines for the operator from the ingest of POSTed articles (a store unavailable, an article not understood). */
  log?: (line: string) => void;
  /** Milliseconds a search or timeline may take, waiting for a busy search thread included (default 10 s): then 503. */
  searchDeadline?: number;
  /** Threads for search and timelines, at most (default 2, or 1 on a single core). */
  searchThreads?: number;
}

const DAY = '^\\d{4}-\\d{2}-\\d{2}$';
/**
 * The longest id a path may carry: as much as a request line holds (Node takes 16 KiB for it and the headers), so
 * that every stored article is reachable — ingest keeps ids to MAX_ID_LENGTH (src/clean/id.ts), and a store written
 * before it did may hold longer ones. Fastify's own limit is 100 characters.
 */
const MAX_PATH_ID_LENGTH = 16 * 1024;
const ID = { type: 'string', minLength: 1, maxLength: MAX_PATH_ID_LENGTH } as const;
/** The last page a list may ask for: the store's offset stays an ordinary number (1e300 is an integer too). */
const MAX_PAGE = 100_000;
const filters = {
  from: { type: 'string', pattern: DAY, description: 'Earliest publication date (YYYY-MM-DD).' },
  to: { type: 'string', pattern: DAY, description: 'Latest publication date (YYYY-MM-DD).' },
  outlet: { type: 'string', maxLength: 200 },
  entity: { type: 'string', maxLength: 200, description: 'A person, organisation or place, in any of its spellings.' },
} as const;

const errorSchema = {
  type: 'object',
  required: ['statusCode', 'error', 'message'],
  properties: { statusCode: { type: 'integer' }, error: { type: 'string' }, message: { type: 'string' } },
} as const;

/** The routes' schemas, kept together: Fastify validates with them and the OpenAPI document lists them. */
const ROUTES = {
  events: {
    summary: 'Stored events as cards, paged and filtered: biggest first, then newest (order=size, the default), or newest first (order=recent).',
    querystring: {
      type: 'object',
      additionalProperties: false,
      properties: {
        page: { type: 'integer', minimum: 1, maximum: MAX_PAGE, default: 1 },
        size: { type: 'integer', minimum: 1, maximum: 200, default: 20 },
        order: { enum: ['size', 'recent'], default: 'size', description: 'size: biggest first, then newest; recent: newest last report first, then biggest.' },
        ...filters,
      },
    },
  },
  event: {
    summary: `One event, compact: its first ${COMPACT.articles} report ids, ${COMPACT.entities} entities and ${COMPACT.quotes} quotes, no comparison, unless \`include\` names them (an id of a merged event answers with the event that absorbed it).`,
    params: { type: 'object', required: ['id'], properties: { id: ID } },
    querystring: {
      type: 'object',
      additionalProperties: false,
      properties: { include: { type: 'string', maxLength: 200, description: `Parts given whole, comma-separated: ${EVENT_PARTS.join(', ')}, or all.` } },
    },
  },
  eventArticles: {
    summary: "An event's reports in its reading order, paged: id, title, outlet, publication date, URL (each whole at /api/articles/{id}).",
    params: { type: 'object', required: ['id'], properties: { id: ID } },
    querystring: {
      type: 'object',
      additionalProperties: false,
      properties: { page: { type: 'integer', minimum: 1, maximum: MAX_PAGE, default: 1 }, size: { type: 'integer', minimum: 1, maximum: 200, default: 50 } },
    },
  },
  article: {
    summary: 'One stored article: cleaned text, removals with their reasons, sentences, mentions, dates.',
    params: { type: 'object', required: ['id'], properties: { id: ID } },
  },
  search: {
    summary:
      'Articles matching words (a name finds its other spellings; a family name alone, its variants, not each bearer\'s full name), best first, a page at a time, with the matching passage, how many match in all, and the events of the page\'s hits.',
    querystring: {
      type: 'object',
      required: ['q'],
      additionalProperties: false,
      properties: {
        q: { type: 'string', minLength: 1, maxLength: 500 },
        page: { type: 'integer', minimum: 1, maximum: MAX_PAGE, default: 1, description: `Pages start before the ${MAX_SEARCH_OFFSET}th hit (page × size): past it, narrow the search. A page past the last hit has none.` },
        size: { type: 'integer', minimum: 1, maximum: 200, default: SEARCH_PAGE_SIZE, description: 'Hits a page.' },
        limit: { type: 'integer', minimum: 1, maximum: 200, deprecated: true, description: 'The former name of size (not with it).' },
        ...filters,
      },
    },
  },
  timeline: {
    summary: `A timeline of the articles matching a query (the best ${TIMELINE_ARTICLES}): the dates that matter, each told in cited sentences.`,
    querystring: {
      type: 'object',
      required: ['q'],
      additionalProperties: false,
      properties: {
        q: { type: 'string', minLength: 1, maxLength: 500 },
        dates: { type: 'integer', minimum: 1, maximum: 100, default: 10 },
        sentences: { type: 'integer', minimum: 1, maximum: 10, default: 2 },
        ...filters,
      },
    },
  },
  post: {
    summary:
      'Adds articles (one JSON object, an array of them, or an HTML page): accepted at once (202) and ingested in the background — cleaned, queued in the store, understood, placed into events. The answer says where to follow it (/api/submissions/{id}, also in Location).',
    body: {
      oneOf: [
        { $ref: 'newArticle#' },
        { type: 'array', minItems: 1, maxItems: 1000, items: { $ref: 'newArticle#' } },
        { type: 'string', minLength: 1 },
      ],
    },
  },
  submission: {
    summary:
      'What became of a POST: accepted (received, held in memory), queued (its articles in the store\'s queue: kept), done (stored, events up to date), skipped (nothing readable) or failed (with a message); once queued, the ids of its articles and where to read each. Unknown (404) after a restart if it was only accepted: send it again.',
    params: { type: 'object', required: ['id'], properties: { id: { type: 'string', pattern: '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' } } },
  },
} as const;

const NEW_ARTICLE = {
  $id: 'newArticle',
  type: 'object',
  additionalProperties: true,
  anyOf: [{ required: ['text'] }, { required: ['html'] }],
  properties: {
    // The longest id ingest keeps (a longer one would be cut: here it is refused, so that the id sent is the id stored).
    id: { type: 'string', minLength: 1, maxLength: MAX_ID_LENGTH },
    url: { type: 'string', maxLength: 2000 },
    title: { type: 'string', maxLength: 2000 },
    text: { type: 'string', minLength: 1 },
    html: { type: 'string', minLength: 1 },
    published: { type: 'string', maxLength: 100 },
    outlet: { type: 'string', maxLength: 200 },
  },
} as const;

/** What GET /api/submissions/{id} answers (posted.ts), and POST /api/articles with `statusUrl` besides. */
const SUBMISSION = {
  type: 'object',
  required: ['submission', 'status', 'received'],
  properties: {
    submission: { type: 'string', description: 'The submission\'s id.' },
    status: { enum: ['accepted', 'queued', 'done', 'skipped', 'failed'] },
    received: { type: 'string', format: 'date-time' },
    statusUrl: { type: 'string', description: 'Where to follow it (in the answer to the POST only).' },
    ids: { type: 'array', items: { type: 'string' }, description: 'Once queued: the ids its articles are stored under.' },
    articles: { type: 'array', items: { type: 'string' }, description: 'Once queued: where to read each article (/api/articles/{id}).' },
    added: { type: 'integer' },
    updated: { type: 'integer' },
    unchanged: { type: 'integer' },
    skipped: { type: 'array', items: { type: 'object', properties: { source: { type: 'string' }, reason: { type: 'string' } } }, description: 'Inputs that made no article, and why.' },
    warnings: { type: 'array', items: { type: 'object', properties: { source: { type: 'string' }, reason: { type: 'string' } } }, description: 'What was repaired or ignored in its articles.' },
    message: { type: 'string', description: 'Why it was skipped or failed.' },
  },
} as const;

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Answers what Node's HTTP layer refuses before Fastify sees a request (a malformed request, headers too large, a
 * request not whole within the timeout) as the API answers its errors: JSON, with nosniff.
 */
function answerClientError(err: NodeJS.ErrnoException, socket: Socket): void {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const [statusCode, message] =
    err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? [408, 'the request did not arrive whole within the request timeout']
    : err.code === 'HPE_HEADER_OVERFLOW' ? [431, 'the request line and headers are too large']
    : [400, 'malformed HTTP request'];
  const body = JSON.stringify({ statusCode, error: STATUS_CODES[statusCode], message });
  if (socket.writable) {
    socket.write(`HTTP/1.1 ${statusCode} ${STATUS_CODES[statusCode]}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n${body}`);
  }
  socket.destroy();
}

export async function buildServer(options: ServeOptions): Promise<FastifyInstance> {
  const { store } = options;
  const requestTimeout = options.requestTimeout ?? 30_000;
  const app = Fastify({
    bodyLimit: options.bodyLimit ?? 1024 * 1024,
    requestTimeout,
    // Node enforces a request timeout only when the headers timeout (60 s by default) is no longer, and looks for
    // requests past it only every connectionsCheckingInterval (30 s by default): a body trickled in lived 60–90 s.
    // The headers get the same time as the whole request, and Node looks ten times a timeout, at most every second.
    http:
      requestTimeout > 0
        ? { requestTimeout, headersTimeout: requestTimeout, connectionsCheckingInterval: Math.min(1000, Math.max(10, Math.floor(requestTimeout / 10))) }
        : {},
    routerOptions: { maxParamLength: MAX_PATH_ID_LENGTH },
    // A parameter the route does not know is an error (400 naming it and what is allowed), not silently dropped:
    // `limit=2` on a route that pages by `size` used to answer 20 events as if asked for them.
    ajv: { customOptions: { removeAdditional: false } },
    clientErrorHandler: answerClientError,
    logger: false,
  });
  app.addSchema(NEW_ARTICLE);
  // Ajv turns "Infinity" into a number for an integer parameter and then checks neither its minimum nor its maximum
  // (it checks those on finite numbers only): refused here, after validation and before any handler.
  app.addHook('preHandler', async (req, reply) => {
    for (const [name, value] of Object.entries((req.query ?? {}) as Record<string, unknown>)) {
      if (typeof value === 'number' && !Number.isFinite(value)) {
        return reply.status(400).send({ statusCode: 400, error: 'Bad Request', message: `querystring/${name} must be a finite number` });
      }
    }
  });
  // Every response, JSON and errors included, is to be read as the type it says it is. A read answered whole gets an
  // ETag (a hash of what it says) and is to be revalidated before reuse: a client or proxy asking again with
  // If-None-Match gets 304 and no body when nothing changed.
  app.addHook('onSend', async (req, reply, payload) => {
    void reply.header('x-content-type-options', 'nosniff');
    if ((req.method !== 'GET' && req.method !== 'HEAD') || reply.statusCode !== 200 || (typeof payload !== 'string' && !Buffer.isBuffer(payload))) return payload;
    const etag = `"${createHash('sha1').update(payload).digest('base64url')}"`;
    void reply.header('etag', etag).header('cache-control', 'no-cache');
    const asked = req.headers['if-none-match'];
    if (asked && asked.split(/\s*,\s*/).some((t) => t === etag || t === `W/${etag}` || t === '*')) {
      void reply.code(304);
      return '';
    }
    return payload;
  });
  await app.register(rateLimit, { max: options.rateLimit ?? 600, timeWindow: '1 minute' });
  // An HTML page may be posted as it is.
  app.addContentTypeParser(['text/html', 'text/plain'], { parseAs: 'string' }, (_req, body, done) => done(null, body));
  const posted = options.token
    ? new PostedArticles({ location: options.storeLocation ?? store.location, registry: options.registry, events: options.events, waitingLimit: options.waitingLimit ?? 64 * 1024 * 1024, log: options.log })
    : null;
  app.addHook('onClose', async () => posted?.close());
  // What the store's queue holds already (a server stopped before its submissions were done) is worked through now.
  if (posted) {
    const backlog = await store.backlog();
    if (backlog.jobs || backlog.unplaced || backlog.events) posted.resume();
  }

  app.setErrorHandler((err: Error & { statusCode?: number; validation?: Array<{ keyword: string; params?: { additionalProperty?: string } }>; validationContext?: string }, req, reply) => {
    const statusCode = err.validation ? 400 : (err.statusCode ?? 500);
    let message = statusCode >= 500 ? 'internal error' : err.message;
    const unknown = err.validation?.find((v) => v.keyword === 'additionalProperties')?.params?.additionalProperty;
    if (unknown !== undefined && err.validationContext === 'querystring') {
      const allowed = Object.keys((req.routeOptions.schema?.querystring as { properties?: Record<string, unknown> } | undefined)?.properties ?? {});
      message = `unknown parameter "${unknown}" (this route takes ${allowed.join(', ')})`;
    }
    void reply.status(statusCode).send({ statusCode, error: statusCode === 400 ? 'Bad Request' : statusCode === 429 ? 'Too Many Requests' : statusCode === 413 ? 'Payload Too Large' : 'Error', message });
  });
  app.setNotFoundHandler((req, reply) => void reply.status(404).send({ statusCode: 404, error: 'Not Found', message: `no route ${req.method} ${req.url.split('?')[0]}` }));


  app.get('/api/events', { schema: ROUTES.events }, async (req: FastifyRequest<{ Querystring: { page: number; size: number; order: 'size' | 'recent'; from?: string; to?: string; outlet?: string; entity?: string } }>) => {
    const q = req.query;
    const { total, events } = await store.eventCards({ from: q.from, to: q.to, entity: q.entity, outlet: q.outlet, order: q.order, limit: q.size, offset: (q.page - 1) * q.size });
    return { total, page: q.page, size: q.size, order: q.order, events };
  });

  /** The event an id names (or the one it was merged into): whole when its comparison is wanted, else its outline
   * (the comparison's facts and quote coverage, most of a big event's megabytes, are not read). */
  const findEvent = async (id: string, whole: boolean) => {
    const read = async (key: string) => (whole ? store.event(key) : (await store.eventOutline(key))?.event);
    const event = await read(id);
    if (event) return { event, mergedFrom: undefined };
    const into = await store.mergedInto(id);
    return { event: into ? await read(into) : undefined, mergedFrom: into ? id : undefined };
  };
  const noEvent = (reply: FastifyReply, id: string) => reply.status(404).send({ statusCode: 404, error: 'Not Found', message: `no event ${id}` });

  app.get('/api/events/:id', { schema: ROUTES.event }, async (req: FastifyRequest<{ Params: { id: string }; Querystring: { include?: string } }>, reply: FastifyReply) => {
    let include;
    try {
      include = parseInclude(req.query.include);
    } catch (err) {
      return reply.status(400).send({ statusCode: 400, error: 'Bad Request', message: (err as Error).message });
    }
    const { event, mergedFrom } = await findEvent(req.params.id, include.includes('comparison'));
    if (!event) return noEvent(reply, req.params.id);
    return eventView(event, include, mergedFrom);
  });

  app.get('/api/events/:id/articles', { schema: ROUTES.eventArticles }, async (req: FastifyRequest<{ Params: { id: string }; Querystring: { page: number; size: number } }>, reply: FastifyReply) => {
    const { event } = await findEvent(req.params.id, false);
    if (!event) return noEvent(reply, req.params.id);
    const { page, size } = req.query;
    const ids = event.articles.slice((page - 1) * size, page * size);
    const byId = new Map((await store.articles(ids)).map((a) => [a.id, a]));
    return { total: event.articles.length, page, size, articles: ids.flatMap((id) => (byId.has(id) ? [reportCard(byId.get(id)!)] : [])) };
  });

  app.get('/api/articles/:id', { schema: ROUTES.article }, async (req: FastifyRequest<{ Params: { id: string } }>, reply: FastifyReply) => {
    const article = await store.article(req.params.id);
    if (!article) return reply.status(404).send({ statusCode: 404, error: 'Not Found', message: `no article ${req.params.id}` });
    return article;
  });

  // Search and timelines run in threads of their own (src/service/search-threads.ts), each request within a deadline:
  // reading the store and building a timeline take long enough that, here, they would hold up every other request.
  const reads = new SearchThreads({ kind: store.kind, location: options.storeLocation ?? store.location, deadline: options.searchDeadline, threads: options.searchThreads });
  // Started as the server starts listening (a test of routes alone, by inject(), starts them only as it searches).
  app.addHook('onListen', async () => reads.startAll());
  app.addHook('onClose', async () => reads.close());
  const stopped = (err: unknown, reply: FastifyReply) => {
    if (!(err instanceof SearchTimeout)) throw err;
    return reply.status(503).send({ statusCode: 503, error: 'Service Unavailable', message: err.message });
  };

  app.get(
    '/api/search',
    { schema: ROUTES.search },
    async (req: FastifyRequest<{ Querystring: { q: string; page: number; size: number; limit?: number; from?: string; to?: string; outlet?: string; entity?: string } }>, reply: FastifyReply) => {
      const { q, page, limit, size: sized, ...filters } = req.query;
      // `limit` is the former name of `size` (size has a default, so whether it was given is read from the URL).
      if (limit !== undefined && new URLSearchParams(req.url.split('?')[1] ?? '').has('size')) {
        return reply.status(400).send({ statusCode: 400, error: 'Bad Request', message: 'give size (hits a page) without limit, its former name' });
      }
      const size = limit ?? sized;
      const outOfReach = pageOutOfReach(page, size);
      if (outOfReach) return reply.status(400).send({ statusCode: 400, error: 'Bad Request', message: outOfReach });
      return reads.search({ text: q, ...filters, limit: size, offset: pageOffset(page, size) }).then(
        (r) => asPage(r, page, size),
        (err: unknown) => stopped(err, reply),
      );
    },
  );

  app.get('/api/timeline', { schema: ROUTES.timeline }, async (req: FastifyRequest<{ Querystring: { q: string; dates: number; sentences: number; from?: string; to?: string; outlet?: string; entity?: string } }>, reply: FastifyReply) => {
    const { q, dates, sentences, ...rest } = req.query;
    return reads.timeline({ text: q, ...rest }, { dates, sentences }).then(
      ({ reports, timeline }) => ({ query: q, articles: reports.length, timeline }),
      (err: unknown) => stopped(err, reply),
    );
  });

  // The token is checked as the request arrives, before its body is read: a client without it gets 401 (403 when
  // writing is disabled) however large, malformed or slow its body.
  const authorised = async (req: FastifyRequest, reply: FastifyReply) => {
    if (!options.token) return reply.status(403).send({ statusCode: 403, error: 'Forbidden', message: 'writing is disabled: the server was started without NEWSDESK_TOKEN' });
    const auth = /^Bearer (.+)$/.exec(req.headers.authorization ?? '');
    if (!auth || !sameToken(auth[1], options.token)) {
      return reply.status(401).header('www-authenticate', 'Bearer').send({ statusCode: 401, error: 'Unauthorized', message: 'a valid "Authorization: Bearer <token>" header is required' });
    }
  };

  app.post<{ Body: unknown }>('/api/articles', { schema: ROUTES.post, onRequest: authorised }, async (req, reply) => {
    // A string is a page only as text/html or text/plain; a JSON string is not an article.
    if (typeof req.body === 'string' && /json/i.test(req.headers['content-type'] ?? '')) {
      return reply.status(400).send({ statusCode: 400, error: 'Bad Request', message: 'a JSON body must be an article object or an array of them (send a page as text/html)' });
    }
    // Ids for articles sent without one: distinct for two POSTs in the same millisecond too.
    const stamp = `${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`;
    const items = typeof req.body === 'string' ? [{ html: req.body }] : Array.isArray(req.body) ? req.body : [req.body];
    let bytes = 0;
    const raws: RawArticle[] = (items as Array<Record<string, unknown>>).map((o, i) => {
      const { id, url, title, text, html, published, outlet, ...extra } = o as Record<string, string | undefined>;
      bytes += Buffer.byteLength(text ?? '') + Buffer.byteLength(html ?? '');
      return {
        id: id ?? `api-${stamp}-${i + 1}`,
        source: `POST /api/articles#${i + 1}`,
        format: html ? 'html' : 'jsonl',
        url,
        title,
        text,
        html,
        published,
        outlet,
        extra: Object.keys(extra).length ? extra : undefined,
      };
    });
    // Cleaning and understanding take seconds for a long article: they happen in the ingest thread (posted.ts), and
    // the client follows the submission.
    const status = posted!.submit(raws, bytes);
    if (!status) {
      return reply.status(503).header('retry-after', '10').send({ statusCode: 503, error: 'Service Unavailable', message: 'too many posted articles are waiting to be queued; send again later' });
    }
    const statusUrl = `/api/submissions/${status.submission}`;
    return reply.status(202).header('location', statusUrl).send({ ...status, statusUrl });
  });

  app.get('/api/submissions/:id', { schema: ROUTES.submission }, async (req: FastifyRequest<{ Params: { id: string } }>, reply: FastifyReply) => {
    const status = posted?.status(req.params.id);
    if (!status) return reply.status(404).send({ statusCode: 404, error: 'Not Found', message: `no submission ${req.params.id} (a submission only accepted when the server restarted is lost: send it again)` });
    return status;
  });

  // Built once per server: it reads docs/report.schema.json, and it never changes while the server runs.
  const openApi = openApiDocument();
  app.get('/api/openapi.json', async () => openApi);
  // The web interface: pages for people beside the JSON for programs (src/web).
  await registerWeb(app, store, reads);
  return app;
}

/** OpenAPI 3.1, from the routes' schemas. */
export function openApiDocument(): Record<string, unknown> {
  const report = reportDefinitions();
  const query = (schema: { properties: Record<string, unknown>; required?: readonly string[] }) =>
    Object.entries(schema.properties).map(([name, s]) => ({ name, in: 'query', required: schema.required?.includes(name) ?? false, schema: s }));
  const path = (name: string) => [{ name, in: 'path', required: true, schema: ID }];
  const json = (description: string, name = 'error') => ({ description, content: { 'application/json': { schema: { $ref: `#/components/schemas/${name}` } } } });
  const errors = { '400': json('Invalid or unknown parameters'), '429': json('Rate limit exceeded') };
  const cached = { description: 'Not modified since the ETag sent in If-None-Match' };
  return {
    openapi: '3.1.0',
    info: { title: 'newsdesk', version: '0.1.0', description: 'Events from news reports: grouped reports, cited summaries, entities, quotes, comparisons of outlets, timelines.' },
    paths: {
      '/api/events': { get: { summary: ROUTES.events.summary, parameters: query(ROUTES.events.querystring), responses: { '200': json('A page of events', 'eventsPage'), '304': cached, ...errors } } },
      '/api/events/{id}/articles': {
        get: { summary: ROUTES.eventArticles.summary, parameters: [...path('id'), ...query(ROUTES.eventArticles.querystring)], responses: { '200': json("A page of the event's reports", 'eventArticles'), '304': cached, '404': json('No such event'), ...errors } },
      },
      '/api/events/{id}': { get: { summary: ROUTES.event.summary, parameters: [...path('id'), ...query(ROUTES.event.querystring)], responses: { '200': json('The event (docs/report.md#event)', 'eventAnswer'), '304': cached, '404': json('No such event') } } },
      '/api/articles/{id}': { get: { summary: ROUTES.article.summary, parameters: path('id'), responses: { '200': json('The article (docs/report.md#article)', 'article'), '304': cached, '404': json('No such article') } } },
      '/api/search': { get: { summary: ROUTES.search.summary, parameters: query(ROUTES.search.querystring), responses: { '200': json('The hits, best first, and their events', 'searchResult'), '304': cached, '503': json('Stopped at the deadline'), ...errors } } },
      '/api/timeline': { get: { summary: ROUTES.timeline.summary, parameters: query(ROUTES.timeline.querystring), responses: { '200': json('The timeline', 'timelineResult'), '304': cached, '503': json('Stopped at the deadline'), ...errors } } },
      '/api/articles': {
        post: {
          summary: ROUTES.post.summary,
          security: [{ bearer: [] }],
          requestBody: { content: { 'application/json': { schema: ROUTES.post.body.oneOf[1] }, 'text/html': { schema: { type: 'string' } } } },
          responses: {
            '202': {
              description: 'Accepted: the submission, status `accepted`, and where to follow it',
              headers: { Location: { description: 'The submission\'s status URL', schema: { type: 'string' } } },
              content: { 'application/json': { schema: { $ref: '#/components/schemas/submission' } } },
            },
            '401': json('No or wrong token (checked before the body is read)'),
            '403': json('Writing disabled'),
            '413': json('Body too large'),
            '503': json('Too many posted articles waiting to be queued: send again after Retry-After seconds'),
            ...errors,
          },
        },
      },
      '/api/submissions/{id}': {
        get: {
          summary: ROUTES.submission.summary,
          parameters: [{ name: 'id', in: 'path', required: true, schema: ROUTES.submission.params.properties.id }],
          responses: { '200': { description: 'The submission', content: { 'application/json': { schema: { $ref: '#/components/schemas/submission' } } } }, '404': json('No such submission'), ...errors },
        },
      },
    },
    components: {
      schemas: {
        ...report,
        eventCard: EVENT_CARD,
        eventsPage: EVENTS_PAGE,
        eventAnswer: eventAnswerSchema(report.event),
        eventArticles: EVENT_ARTICLES,
        searchResult: SEARCH_RESULT,
        timelineResult: TIMELINE_RESULT,
        newArticle: NEW_ARTICLE,
        submission: SUBMISSION,
        error: errorSchema,
      },
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
    },
  };
}
