// The HTTP API (`newsdesk serve`): the stored events, articles, search and timelines as JSON, and a write endpoint
// behind a bearer token; beside it, the web interface for people (src/web). Fastify, with every route's parameters described by a schema at the edge (invalid input is
// answered 400 with what was wrong, before any handler runs), a body-size limit, a rate limit per client, and errors
// as JSON. The OpenAPI document at /api/openapi.json is built from the same schemas.
import { timingSafeEqual } from 'node:crypto';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import rateLimit from '@fastify/rate-limit';
import type { RawArticle } from '../model.js';
import { cleanArticles, type OutletRegistry } from '../clean/index.js';
import { timelineOf, type EventOptions } from '../pipeline/index.js';
import { ingestIntoStore } from '../service/ingest.js';
import { searchArticlesAndEvents } from '../service/search.js';
import { registerWeb } from '../web/index.js';
import type { NewsStore } from '../store/index.js';

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
}

const DAY = '^\\d{4}-\\d{2}-\\d{2}$';
const ID = { type: 'string', minLength: 1, maxLength: 300 } as const;
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
    summary: 'Stored events, biggest first, then newest; paged and filtered.',
    querystring: {
      type: 'object',
      additionalProperties: false,
      properties: { page: { type: 'integer', minimum: 1, default: 1 }, size: { type: 'integer', minimum: 1, maximum: 200, default: 20 }, ...filters },
    },
  },
  event: {
    summary: 'One event as in the report (an id of a merged event answers with the event that absorbed it).',
    params: { type: 'object', required: ['id'], properties: { id: ID } },
  },
  article: {
    summary: 'One stored article: cleaned text, removals with their reasons, sentences, mentions, dates.',
    params: { type: 'object', required: ['id'], properties: { id: ID } },
  },
  search: {
    summary: 'Articles matching words (a name finds its other spellings), best first, with the matching passage, and the events they fall in.',
    querystring: {
      type: 'object',
      required: ['q'],
      additionalProperties: false,
      properties: { q: { type: 'string', minLength: 1, maxLength: 500 }, limit: { type: 'integer', minimum: 1, maximum: 200, default: 20 }, ...filters },
    },
  },
  timeline: {
    summary: 'A timeline of the articles matching a query: the dates that matter, each told in cited sentences.',
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
    summary: 'Adds articles (one JSON object, an array of them, or an HTML page) and brings the events up to date.',
    body: {
      oneOf: [
        { $ref: 'newArticle#' },
        { type: 'array', minItems: 1, maxItems: 1000, items: { $ref: 'newArticle#' } },
        { type: 'string', minLength: 1 },
      ],
    },
  },
} as const;

const NEW_ARTICLE = {
  $id: 'newArticle',
  type: 'object',
  additionalProperties: true,
  anyOf: [{ required: ['text'] }, { required: ['html'] }],
  properties: {
    id: ID,
    url: { type: 'string', maxLength: 2000 },
    title: { type: 'string', maxLength: 2000 },
    text: { type: 'string', minLength: 1 },
    html: { type: 'string', minLength: 1 },
    published: { type: 'string', maxLength: 100 },
    outlet: { type: 'string', maxLength: 200 },
  },
} as const;

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export async function buildServer(options: ServeOptions): Promise<FastifyInstance> {
  const { store } = options;
  const app = Fastify({ bodyLimit: options.bodyLimit ?? 1024 * 1024, requestTimeout: options.requestTimeout ?? 30_000, logger: false });
  app.addSchema(NEW_ARTICLE);
  await app.register(rateLimit, { max: options.rateLimit ?? 600, timeWindow: '1 minute' });
  // An HTML page may be posted as it is.
  app.addContentTypeParser(['text/html', 'text/plain'], { parseAs: 'string' }, (_req, body, done) => done(null, body));

  app.setErrorHandler((err: Error & { statusCode?: number; validation?: unknown }, _req, reply) => {
    const statusCode = err.validation ? 400 : (err.statusCode ?? 500);
    const message = statusCode >= 500 ? 'internal error' : err.message;
    void reply.status(statusCode).send({ statusCode, error: statusCode === 400 ? 'Bad Request' : statusCode === 429 ? 'Too Many Requests' : statusCode === 413 ? 'Payload Too Large' : 'Error', message });
  });
  app.setNotFoundHandler((req, reply) => void reply.status(404).send({ statusCode: 404, error: 'Not Found', message: `no route ${req.method} ${req.url.split('?')[0]}` }));


  app.get('/api/events', { schema: ROUTES.events }, async (req: FastifyRequest<{ Querystring: { page: number; size: number; from?: string; to?: string; outlet?: string; entity?: string } }>) => {
    const q = req.query;
    const { total, events } = await store.eventCards({ from: q.from, to: q.to, entity: q.entity, outlet: q.outlet, limit: q.size, offset: (q.page - 1) * q.size });
    return { total, page: q.page, size: q.size, events };
  });

  app.get('/api/events/:id', { schema: ROUTES.event }, async (req: FastifyRequest<{ Params: { id: string } }>, reply: FastifyReply) => {
    const into = (await store.event(req.params.id)) ? undefined : await store.mergedInto(req.params.id);
    const event = await store.event(into ?? req.params.id);
    if (!event) return reply.status(404).send({ statusCode: 404, error: 'Not Found', message: `no event ${req.params.id}` });
    return into ? { ...event, mergedFrom: req.params.id } : event;
  });

  app.get('/api/articles/:id', { schema: ROUTES.article }, async (req: FastifyRequest<{ Params: { id: string } }>, reply: FastifyReply) => {
    const article = await store.article(req.params.id);
    if (!article) return reply.status(404).send({ statusCode: 404, error: 'Not Found', message: `no article ${req.params.id}` });
    return article;
  });

  app.get('/api/search', { schema: ROUTES.search }, async (req: FastifyRequest<{ Querystring: { q: string; limit: number; from?: string; to?: string; outlet?: string; entity?: string } }>) => {
    const { q, ...rest } = req.query;
    return searchArticlesAndEvents(store, { text: q, ...rest });
  });

  app.get('/api/timeline', { schema: ROUTES.timeline }, async (req: FastifyRequest<{ Querystring: { q: string; dates: number; sentences: number; from?: string; to?: string; outlet?: string; entity?: string } }>) => {
    const { q, dates, sentences, ...rest } = req.query;
    const hits = (await store.search({ text: q, ...rest, limit: 1000 })).hits;
    const articles = await store.articles(hits.map((h) => h.article));
    return { query: q, articles: articles.length, timeline: timelineOf(articles, { dates, sentences }) };
  });

  app.post('/api/articles', { schema: ROUTES.post }, async (req: FastifyRequest<{ Body: unknown }>, reply: FastifyReply) => {
    if (!options.token) return reply.status(403).send({ statusCode: 403, error: 'Forbidden', message: 'writing is disabled: the server was started without NEWSDESK_TOKEN' });
    const auth = /^Bearer (.+)$/.exec(req.headers.authorization ?? '');
    if (!auth || !sameToken(auth[1], options.token)) {
      return reply.status(401).header('www-authenticate', 'Bearer').send({ statusCode: 401, error: 'Unauthorized', message: 'a valid "Authorization: Bearer <token>" header is required' });
    }
    // A string is a page only as text/html or text/plain; a JSON string is not an article.
    if (typeof req.body === 'string' && /json/i.test(req.headers['content-type'] ?? '')) {
      return reply.status(400).send({ statusCode: 400, error: 'Bad Request', message: 'a JSON body must be an article object or an array of them (send a page as text/html)' });
    }
    const stamp = Date.now().toString(36);
    const items = typeof req.body === 'string' ? [{ html: req.body }] : Array.isArray(req.body) ? req.body : [req.body];
    const raws: RawArticle[] = (items as Array<Record<string, unknown>>).map((o, i) => {
      const { id, url, title, text, html, published, outlet, ...extra } = o as Record<string, string | undefined>;
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
    const { articles, diagnostics } = cleanArticles(raws, { registry: options.registry });
    const result = articles.length ? await ingestIntoStore(store, articles, { ...options.events, profileOf: (n) => options.registry.lookup(n) }) : null;
    return reply.status(articles.length ? 201 : 422).send({ ids: articles.map((a) => a.id), ...(result ?? {}), skipped: diagnostics.filter((d) => d.severity === 'skipped') });
  });

  app.get('/api/openapi.json', async () => openApiDocument());
  // The web interface: pages for people beside the JSON for programs (src/web).
  await registerWeb(app, store);
  return app;
}

/** OpenAPI 3.1, from the routes' schemas. */
export function openApiDocument(): Record<string, unknown> {
  const query = (schema: { properties: Record<string, unknown>; required?: readonly string[] }) =>
    Object.entries(schema.properties).map(([name, s]) => ({ name, in: 'query', required: schema.required?.includes(name) ?? false, schema: s }));
  const path = (name: string) => [{ name, in: 'path', required: true, schema: ID }];
  const json = (description: string) => ({ description, content: { 'application/json': { schema: { type: 'object' } } } });
  const errors = { '400': { description: 'Invalid parameters', content: { 'application/json': { schema: errorSchema } } }, '429': { description: 'Rate limit exceeded' } };
  return {
    openapi: '3.1.0',
    info: { title: 'newsdesk', version: '0.1.0', description: 'Events from news reports: grouped reports, cited summaries, entities, quotes, comparisons of outlets, timelines.' },
    paths: {
      '/api/events': { get: { summary: ROUTES.events.summary, parameters: query(ROUTES.events.querystring), responses: { '200': json('A page of events'), ...errors } } },
      '/api/events/{id}': { get: { summary: ROUTES.event.summary, parameters: path('id'), responses: { '200': json('The event (docs/report.md#event)'), '404': json('No such event') } } },
      '/api/articles/{id}': { get: { summary: ROUTES.article.summary, parameters: path('id'), responses: { '200': json('The article (docs/report.md#article)'), '404': json('No such article') } } },
      '/api/search': { get: { summary: ROUTES.search.summary, parameters: query(ROUTES.search.querystring), responses: { '200': json('{ searched, hits, events }'), ...errors } } },
      '/api/timeline': { get: { summary: ROUTES.timeline.summary, parameters: query(ROUTES.timeline.querystring), responses: { '200': json('{ query, articles, timeline }'), ...errors } } },
      '/api/articles': {
        post: {
          summary: ROUTES.post.summary,
          security: [{ bearer: [] }],
          requestBody: { content: { 'application/json': { schema: ROUTES.post.body.oneOf[1] }, 'text/html': { schema: { type: 'string' } } } },
          responses: { '201': json('{ ids, added, updated, unchanged, articles, events, skipped }'), '401': json('No or wrong token'), '403': json('Writing disabled'), '413': json('Body too large'), '422': json('Nothing readable'), ...errors },
        },
      },
    },
    components: { schemas: { newArticle: NEW_ARTICLE, error: errorSchema }, securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
  };
}
