// The web interface without a browser: escaping, URLs, passages, and every page over the seeds (status, headers,
// what each shows), with a hostile article among them.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanArticles, OutletRegistry } from '../../src/clean/index.js';
import { readAndClean } from '../../src/pipeline/index.js';
import { buildServer } from '../../src/serve/index.js';
import { ingestIntoStore } from '../../src/service/ingest.js';
import { SqliteStore, type NewsStore } from '../../src/store/index.js';
import { escapeHtml, html, markedPassage, safeUrl } from '../../src/web/html.js';
import { reportsPerDay } from '../../src/web/chart.js';
import { CONTENT_SECURITY_POLICY } from '../../src/web/index.js';
import { articlesForPart } from '../../src/web/event-page.js';
import type { Event } from '../../src/model.js';
import { SEEDS } from '../shared.js';

describe('html', () => {
  it('escapes every value and keeps only its own markup', () => {
    const evil = '<script>alert(1)</script>"\'&';
    expect(html`<p title="${evil}">${evil}</p>`.value).toBe('<p title="&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&amp;">&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&amp;</p>');
    expect(html`<ul>${['a', '<b>'].map((x) => html`<li>${x}</li>`)}</ul>`.value).toBe('<ul><li>a</li><li>&lt;b&gt;</li></ul>');
    expect(html`${null}${undefined}${false}${0}`.value).toBe('0');
    expect(escapeHtml('a & b')).toBe('a &amp; b');
  });

  it('keeps only web addresses', () => {
    expect(safeUrl('https://example.org/a?b=1')).toBe('https://example.org/a?b=1');
    for (const bad of ['javascript:alert(1)', ' JavaScript:alert(1)', 'data:text/html,<script>', 'vbscript:x', '//evil', 'not a url', null]) expect(safeUrl(bad)).toBeNull();
  });

  it('marks matched words, and leaves quotation marks the text itself writes', () => {
    expect(markedPassage('the «Varrow» dam <b>').value).toBe('the <mark>Varrow</mark> dam &lt;b&gt;');
    expect(markedPassage('« Non », dit-il, «oui»').value).toBe('<mark> Non </mark>, dit-il, <mark>oui</mark>');
    expect(markedPassage('«unclosed').value).toBe('«unclosed');
  });

  it('counts reports per day over the span, empty days included', () => {
    expect(reportsPerDay(['2010-01-12', '2010-01-14', '2010-01-14', null])).toEqual([
      { day: '2010-01-12', count: 1 },
      { day: '2010-01-13', count: 0 },
      { day: '2010-01-14', count: 2 },
    ]);
  });
});

describe('pages over the seeds', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'newsdesk-pages-'));
  let store: NewsStore;
  let app: FastifyInstance;
  let tehran: string;
  beforeAll(async () => {
    const registry = OutletRegistry.load();
    store = SqliteStore.open(path.join(dir, 'pages.db'));
    const hostile = cleanArticles([{ id: 'evil', source: 'test', format: 'jsonl', title: 'Dam <script>alert(1)</script> holds', text: 'The Varrow dam held <img src=x onerror=alert(2)> through the night, engineers said on Friday.', published: '2026-03-13', url: 'javascript:alert(3)' }], { registry }).articles;
    await ingestIntoStore(store, [...(await readAndClean([SEEDS], { registry })).articles, ...hostile], { profileOf: (n) => registry.lookup(n) });
    tehran = (await store.events({ entity: 'Dehghan' })).events[0].id;
    app = await buildServer({ store, registry, rateLimit: 10_000 });
  });
  afterAll(async () => {
    await app?.close();
    await store?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves every page as HTML with the Content-Security-Policy', async () => {
    for (const url of ['/', '/?order=size', '/?entity=Dehqan&from=2016-01-01', `/events/${tehran}`, '/articles/evil', '/search', '/search?q=Dehqan', '/timeline', '/timeline?q=Tehran']) {
      const r = await app.inject(url);
      expect(r.statusCode, url).toBe(200);
      expect(r.headers['content-type'], url).toBe('text/html; charset=utf-8');
      expect(r.headers['content-security-policy'], url).toBe(CONTENT_SECURITY_POLICY);
      expect(r.body, url).toMatch(/^<!doctype html><html lang="en">/);
    }
    expect((await app.inject('/assets/app.css')).headers['content-type']).toBe('text/css; charset=utf-8');
    expect((await app.inject('/assets/app.js')).headers['content-type']).toBe('text/javascript; charset=utf-8');
  });

  it('answers unknown events and articles with a 404 page, and a malformed front-page query with what is wrong', async () => {
    for (const url of ['/events/ev-nope', '/articles/nope', '/articles/..%2F..%2Fetc%2Fpasswd']) {
      const r = await app.inject(url);
      expect(r.statusCode, url).toBe(404);
      expect(r.body).toContain('Not found');
    }
    const cases: Array<[string, string]> = [
      ['/?from=yesterday', '&quot;yesterday&quot; is not a date: from takes a day as YYYY-MM-DD.'],
      ['/?to=2012-13-45', '&quot;2012-13-45&quot; is not a date: to takes a day as YYYY-MM-DD.'],
      ['/?order=biggest', 'Unknown order &quot;biggest&quot;: use size (biggest first) or recent (newest first).'],
      ['/?page=-3', '&quot;-3&quot; is not a page number.'],
    ];
    for (const [url, message] of cases) {
      const r = await app.inject(url);
      expect(r.statusCode, url).toBe(400);
      expect(r.body, url).toContain(message);
    }
  });

  it('says when a page is past the end, and shows the way to the last one', async () => {
    const body = (await app.inject('/?page=99')).body;
    expect(body).toContain('There is no page 99: the events fill 1 page.');
    expect(body).not.toMatch(/page 99 of/);
    expect(body).toContain('<a href="/">The last page</a>');
  });

  it('heads each front-page event with a line of its summary and the outlets that reported it, and serves an icon', async () => {
    const body = (await app.inject('/?order=size')).body;
    expect(body).toMatch(/<p class="lede">[^<]{20,}<\/p>/);
    expect(body).toMatch(/AFP, |Press TV, |SANA, /);
    const icon = await app.inject('/favicon.ico');
    expect(icon.statusCode).toBe(200);
    expect(icon.headers['content-type']).toBe('image/svg+xml');
    expect(body).toContain('<link rel="icon" href="/favicon.ico"');
  });

  it('escapes what articles write', async () => {
    for (const url of [`/events/${(await store.eventOf('evil'))!}`, '/articles/evil', '/search?q=Varrow', '/?entity=%3Cscript%3E']) {
      const body = (await app.inject(url)).body;
      expect(body, url).not.toMatch(/<script>alert|<img src=x|href="javascript:/i);
    }
    expect((await app.inject('/articles/evil')).body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('gives an event’s long lists pages of their own, and refuses a page past the end', async () => {
    for (const part of ['reports', 'quotes', 'outlets', 'entities', 'comparison']) {
      const r = await app.inject(`/events/${tehran}/${part}`);
      expect(r.statusCode, part).toBe(200);
      expect(r.body, part).toContain(`href="/events/${tehran}"`);
    }
    expect((await app.inject(`/events/${tehran}/reports`)).body.match(/<li><a href="\/articles\//g)?.length).toBe(4);
    expect((await app.inject(`/events/${tehran}/reports?page=2`)).statusCode).toBe(404);
    expect((await app.inject(`/events/${tehran}/reports?page=x`)).statusCode).toBe(400);
    expect((await app.inject(`/events/${tehran}/nothing`)).statusCode).toBe(404);
  });

  it('shows the event whole: the summary with its sources, outlets, coverage, quotes, entities', async () => {
    const body = (await app.inject(`/events/${tehran}`)).body;
    expect(body).toContain('class="cite"');
    expect(body.match(/<span class="sources"/g)!.length).toBeGreaterThanOrEqual(3);
    for (const text of ['AFP', 'Press TV', 'SANA', 'Hossein Dehghan', '(also ', 'Who said what', 'Who reported what']) expect(body, text).toContain(text);
  });
});

describe('an event part’s page reads the reports it cites', () => {
  it('reads the reports the comparison’s facts cite, however many quotes the event has', () => {
    const facts = Array.from({ length: 3 }, (_, i) => ({ text: `Fact ${i}.`, outlets: ['AFP'], citations: [{ article: `a${i}`, sentence: 0 }] }));
    const event = { id: 'ev-x', articles: ['a0', 'a1', 'a2'], headline: 'H', summary: [], start: null, end: null, quotes: [], comparison: { outlets: [], facts, quotes: [], framing: [], note: [] } } as unknown as Event;
    expect(articlesForPart(event, 'comparison', 1)).toEqual(['a0', 'a1', 'a2']);
  });
});
