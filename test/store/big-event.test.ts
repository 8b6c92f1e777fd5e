// A flood of near-identical briefs grouped into one event bigger than an event job reads whole (MAX_EVENT_READ): the
// job reads a sample of its members — every outlet's share, spread over its reporting — in each kind of store, alike;
// the event still lists every member, its dates span them all, and it says how many were read. Its page and
// `newsdesk show` read a bounded number of reports.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Event, RawArticle } from '../../src/model.js';
import { cleanArticles } from '../../src/clean/index.js';
import { analyzeArticles, MAX_EVENT_READ } from '../../src/pipeline/index.js';
import { ingestIntoStore } from '../../src/service/ingest.js';
import type { NewsStore } from '../../src/store/index.js';
import { articlesForEventPage, articlesForPart, EVENT_PAGE, eventPage, eventPartPage, LIST_PAGE } from '../../src/web/event-page.js';
import { STORE_KINDS, testStore } from '../stores.js';

const SIZE = MAX_EVENT_READ + 600;
const OUTLETS = ['Wire One', 'Wire Two', 'Daily Three'];
/** One brief a day from 1 to 28 March, the same few words each time: they make one event. */
const raws: RawArticle[] = Array.from({ length: SIZE }, (_, i) => ({
  id: `brief-${String(i).padStart(5, '0')}`,
  source: `briefs.jsonl:${i + 1}`,
  format: 'jsonl',
  outlet: OUTLETS[i % 3],
  published: `2024-03-${String(1 + (i % 28)).padStart(2, '0')}`,
  text: `Flood brief ${i} filed at noon by the river desk.`,
}));
const articles = cleanArticles(raws).articles;

describe.each(STORE_KINDS)('an event too big to read whole, in %s', (kind) => {
  const stores = testStore(kind);
  let store: NewsStore;
  let event: Event;
  beforeAll(async () => {
    store = await stores.open(await stores.location('big_event'));
    await ingestIntoStore(store, articles);
    const { events } = await store.eventCards({ limit: 5, order: 'size' });
    event = (await store.event(events[0].id))!;
  }, 300_000);
  afterAll(async () => {
    await store?.close();
    await stores.cleanup();
  });

  it('lists every member, spans all their dates, and says how many were read', () => {
    expect(articles).toHaveLength(SIZE);
    expect(event.articles).toHaveLength(SIZE);
    expect(new Set(event.articles).size).toBe(SIZE);
    expect([event.start, event.end]).toEqual(['2024-03-01', '2024-03-28']);
    expect(event.read).toEqual({ articles: MAX_EVENT_READ, of: SIZE });
    // The outlets compared are the three, each with its equal share of the reports read.
    const shares = event.comparison!.outlets.map((o) => [o.outlet, o.articles.length] as const).sort();
    expect(shares.map(([o]) => o)).toEqual(['Daily Three', 'Wire One', 'Wire Two']);
    for (const [, n] of shares) expect(Math.abs(n - MAX_EVENT_READ / 3)).toBeLessThanOrEqual(1);
    // The summary cites reports of the event.
    const members = new Set(event.articles);
    expect(event.summary.length).toBeGreaterThan(0);
    expect(event.summary.flatMap((s) => s.citations).every((c) => members.has(c.article))).toBe(true);
  });

  it('is the event the same articles make in memory (newsdesk analyze reads it in part the same way)', () => {
    const [inMemory] = analyzeArticles(articles).events;
    expect(inMemory.read).toEqual(event.read);
    expect(inMemory.articles).toEqual(event.articles);
    expect(inMemory.headline).toBe(event.headline);
    expect(inMemory.summary).toEqual(event.summary);
  });

  it('its page reads and lists a bounded number of reports, links the rest, and says so', async () => {
    const shown = articlesForEventPage(event);
    expect(shown.length).toBeLessThan(200);
    const page = eventPage(event, await store.articles(shown));
    expect(Buffer.byteLength(page)).toBeLessThan(300_000);
    expect(page).toContain(`All ${SIZE.toLocaleString('en')} reports`);
    expect(page).toContain(`drawn from ${MAX_EVENT_READ.toLocaleString('en')} of them`);
    const reports = page.slice(page.indexOf('<section aria-labelledby="sources">'));
    expect(reports.match(/<li><a href="\/articles\//g)?.length).toBe(EVENT_PAGE.reports);
    // The rest, 50 a page: the second page starts at the 51st report.
    const second = eventPartPage(event, 'reports', 2, await store.articles(articlesForPart(event, 'reports', 2)), 0)!;
    expect(second).toContain('<ol start="51">');
    expect(second.match(/<li><a href="\/articles\//g)?.length).toBe(LIST_PAGE);
    expect(eventPartPage(event, 'reports', Math.ceil(SIZE / LIST_PAGE) + 1, [], 0)).toBeNull();
  });
});
