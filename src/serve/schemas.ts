// The shapes the API answers with, as JSON Schema: the OpenAPI document lists them (a client can be generated from
// it), and the tests validate every answer they receive against them. Events and articles are the report's own
// definitions (docs/report.schema.json, the schema `newsdesk analyze --json` is checked against), moved under
// components/schemas; the lists and search answers are defined here.
import { readFileSync } from 'node:fs';

type Schema = Record<string, unknown>;

/** docs/report.schema.json's definitions, their `#/definitions/x` references rewritten to `#/components/schemas/x`. */
export function reportDefinitions(): Record<string, Schema> {
  const text = readFileSync(new URL('../../docs/report.schema.json', import.meta.url), 'utf8').replaceAll('"#/definitions/', '"#/components/schemas/');
  return (JSON.parse(text) as { definitions: Record<string, Schema> }).definitions;
}

const nullable = (type: string) => ({ type: [type, 'null'] });
const DAY_OR_NULL = { type: ['string', 'null'], description: 'YYYY-MM-DD, null when undated.' };

/** An event as lists show it (src/model.ts `EventCard`). */
export const EVENT_CARD: Schema = {
  type: 'object',
  required: ['id', 'headline', 'date', 'start', 'end', 'articleCount', 'outlets', 'outletCount', 'people', 'places', 'story'],
  properties: {
    id: { type: 'string' },
    headline: { type: 'string' },
    date: DAY_OR_NULL,
    start: DAY_OR_NULL,
    end: DAY_OR_NULL,
    articleCount: { type: 'integer', description: 'How many articles it holds (the event itself lists their ids: /api/events/{id}).' },
    outlets: { type: 'array', items: { type: 'string' }, description: 'The identified outlets that reported it.' },
    outletCount: { type: 'integer', description: 'Outlets that reported it, one counted for all reports whose outlet could not be read.' },
    people: { type: 'array', items: { type: 'string' } },
    places: { type: 'array', items: { type: 'string' } },
    story: nullable('string'),
    lede: { type: 'string', description: 'The first sentence of its summary that does not restate its headline.' },
  },
};

export const EVENTS_PAGE: Schema = {
  type: 'object',
  required: ['total', 'page', 'size', 'order', 'events'],
  properties: {
    total: { type: 'integer', description: 'Events matching the filters, on every page.' },
    page: { type: 'integer' },
    size: { type: 'integer' },
    order: { enum: ['size', 'recent'] },
    events: { type: 'array', items: { $ref: '#/components/schemas/eventCard' } },
  },
};

export const SEARCH_RESULT: Schema = {
  type: 'object',
  required: ['total', 'page', 'size', 'searched', 'hits', 'events'],
  properties: {
    total: { type: 'integer', description: 'Articles matching the query under the filters, on every page.' },
    page: { type: 'integer', description: 'The page (from 1).' },
    size: { type: 'integer', description: 'Hits a page: the last page holds fewer, a page past it none.' },
    searched: {
      type: 'array',
      items: { type: 'string' },
      description: "The spellings searched for: the query's words and every other spelling of a name it holds (of a family name alone, its variants only).",
    },
    hits: {
      type: 'array',
      description: "The page's hits, best first.",
      items: {
        type: 'object',
        required: ['article', 'title', 'outlet', 'published', 'event', 'snippet', 'score'],
        properties: {
          article: { type: 'string' },
          title: nullable('string'),
          outlet: nullable('string'),
          published: DAY_OR_NULL,
          event: { type: ['string', 'null'], description: 'The event the article is in.' },
          snippet: { type: 'string', description: 'The best passage, the matched words between « and ».' },
          score: { type: 'number' },
        },
      },
    },
    events: {
      type: 'array',
      description: "The events of the page's hits, in the order of each one's best hit.",
      items: {
        type: 'object',
        required: ['id', 'headline', 'date', 'articleCount', 'hits'],
        properties: {
          id: { type: 'string' },
          headline: { type: 'string' },
          date: DAY_OR_NULL,
          articleCount: { type: 'integer', description: 'Articles the event holds.' },
          hits: { type: 'integer', description: "Of them, among the page's hits." },
        },
      },
    },
  },
};

export const TIMELINE_RESULT: Schema = {
  type: 'object',
  required: ['query', 'articles', 'timeline'],
  properties: {
    query: { type: 'string' },
    articles: { type: 'integer', description: 'How many matching articles the timeline was built from.' },
    timeline: {
      type: 'array',
      items: {
        type: 'object',
        required: ['date', 'sentences'],
        properties: { date: { type: 'string' }, sentences: { type: 'array', items: { $ref: '#/components/schemas/summarySentence' } } },
      },
    },
  },
};

/**
 * An event as the API answers it (src/service/event-view.ts): the report's event, its comparison and shared passages
 * there only when included, with its report count and the parts given whole.
 */
export function eventAnswerSchema(event: Schema): Schema {
  const required = (event.required as string[]).filter((k) => k !== 'comparison' && k !== 'sharedPassages');
  return {
    ...event,
    required: [...required, 'articleCount', 'included'],
    properties: {
      ...(event.properties as Record<string, unknown>),
      articleCount: { type: 'integer', description: 'How many reports it holds (`articles` lists the first 100 unless included).' },
      included: { type: 'array', items: { enum: ['articles', 'entities', 'quotes', 'comparison', 'sharedPassages'] }, description: 'The parts given whole.' },
      mergedFrom: { type: 'string', description: 'The id asked for, when that event was merged into this one.' },
    },
  };
}

/** A page of an event's reports. */
export const EVENT_ARTICLES: Schema = {
  type: 'object',
  required: ['total', 'page', 'size', 'articles'],
  properties: {
    total: { type: 'integer' },
    page: { type: 'integer' },
    size: { type: 'integer' },
    articles: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'title', 'outlet', 'published', 'url'],
        properties: { id: { type: 'string' }, title: nullable('string'), outlet: nullable('string'), published: DAY_OR_NULL, url: nullable('string') },
      },
    },
  },
};
