// The web interface in a real browser: Debian's chromium driven by playwright-core, over a store holding the seeds,
// the T17 corpora and one hostile article. Every page type is opened and saved as a screenshot under test-results/;
// summary sentences show their sources on click, on keyboard and (without JavaScript) on hover; nothing an article
// smuggles in runs.
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanArticles, OutletRegistry } from '../../src/clean/index.js';
import { readAndClean } from '../../src/pipeline/index.js';
import { buildServer } from '../../src/serve/index.js';
import { ingestIntoStore } from '../../src/service/ingest.js';
import { SqliteStore, type NewsStore } from '../../src/store/index.js';
import { CONTENT_SECURITY_POLICY } from '../../src/web/index.js';
import { SEEDS, T17_TOPICS, t17Raws } from '../shared.js';

const CHROMIUM = process.env.NEWSDESK_CHROMIUM ?? '/usr/bin/chromium';
const SHOTS = fileURLToPath(new URL('../../test-results/', import.meta.url));
const available = existsSync(CHROMIUM);
if (!available) console.log(`chromium not found at ${CHROMIUM}: the browser tests are skipped (install chromium, as .ci/run does)`);

/** An article written to attack the pages: scripts, handlers and javascript: links in its title, text and URL. */
const HOSTILE = {
  id: 'hostile-1',
  source: 'test:hostile',
  format: 'jsonl' as const,
  url: 'javascript:window.__pwned = "url"',
  title: 'Flood at <script>window.__pwned = "title"</script> Varrow <img src=x onerror="window.__pwned = \'img-title\'">',
  text: [
    'The Alder river burst its banks at Varrow on Thursday <script>window.__pwned = "text"</script>, flooding hundreds of homes.',
    'Residents posted <img src=x onerror="window.__pwned = \'img\'"> pictures and <a href="javascript:window.__pwned = \'link\'">a link</a> of the water.',
    'The regional council said three shelters were open and the water would fall by Saturday.',
  ].join('\n'),
  published: '2026-03-12',
};

describe.skipIf(!available)('the web interface in chromium', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'newsdesk-web-'));
  let store: NewsStore;
  let app: FastifyInstance;
  let base: string;
  let browser: Browser;
  let tehran: string;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    const registry = OutletRegistry.load();
    store = SqliteStore.open(path.join(dir, 'web.db'));
    const articles = [
      ...(await readAndClean([SEEDS], { registry })).articles,
      ...T17_TOPICS.flatMap((t) => cleanArticles(t17Raws(t), { registry }).articles),
      ...cleanArticles([HOSTILE], { registry }).articles,
    ];
    await ingestIntoStore(store, articles, { profileOf: (n) => registry.lookup(n) });
    tehran = (await store.events({ entity: 'Dehghan' })).events[0].id;
    app = await buildServer({ store, registry, rateLimit: 100_000 });
    base = await app.listen({ port: 0, host: '127.0.0.1' });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'], // a fresh profile each launch: Playwright makes one
    });
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await store?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** A page that fails the test on any script error, dialog or request leaving loopback. */
  async function open(url: string, options: { javaScriptEnabled?: boolean; width?: number } = {}): Promise<{ page: Page; problems: string[] }> {
    const context = await browser.newContext({ javaScriptEnabled: options.javaScriptEnabled ?? true, viewport: { width: options.width ?? 1280, height: 900 } });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('dialog', (d) => (problems.push(`dialog: ${d.message()}`), void d.dismiss()));
    page.on('request', (r) => {
      if (!r.url().startsWith(base) && !r.url().startsWith('data:')) problems.push(`request to ${r.url()}`);
    });
    const response = await page.goto(base + url);
    expect(response?.status(), url).toBe(200);
    expect(response?.headers()['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    return { page, problems };
  }

  it('front page: events newest first, with dates, counts, people and places; filters; paging', async () => {
    const { page, problems } = await open('/');
    expect(await page.locator('ol.events > li').count()).toBe(20);
    await expect.poll(() => page.locator('ol.events h2 a').first().textContent()).toBeTruthy();
    expect(await page.locator('main p.meta[role=status]').textContent()).toMatch(/^\d+ events, page 1 of \d+/);
    await page.screenshot({ path: path.join(SHOTS, 'front.png'), fullPage: true });
    // Filter through the form by a name the page shows (the first event's first person or place).
    const name = (await page.locator('ol.events ul.tags a').first().textContent())!;
    await page.click('details.filter-box > summary'); // the filters are folded away until asked for
    await page.fill('input[name=entity]', name);
    await Promise.all([page.waitForURL(/entity=/), page.click('form.filters button[type=submit]')]);
    expect(await page.locator('ol.events h2').count()).toBeGreaterThan(0);
    expect(await page.locator('main p.meta[role=status]').textContent()).toMatch(/^\d+ events?/);
    await page.goto(`${base}/?page=2`);
    expect(await page.locator('main p.meta[role=status]').textContent()).toMatch(/page 2 of/);
    expect(problems).toEqual([]);
  });

  it('event page: a summary sentence shows its sources on click and on the keyboard; tables, quotes, entities, chart', async () => {
    const { page, problems } = await open(`/events/${tehran}`);
    expect(await page.locator('h1').textContent()).toMatch(/Tehran/);
    const first = page.locator('#summary ~ ol.summary .cite').first();
    await expect.poll(() => first.locator('.sources').isVisible()).toBe(false);
    await first.locator('button.sentence').click();
    await page.mouse.move(0, 0); // away from the sentence: the click, not the hover, keeps it open
    expect(await first.locator('.sources').isVisible()).toBe(true);
    expect(await first.locator('button.sentence').getAttribute('aria-expanded')).toBe('true');
    const sources = await first.locator('.sources a').allTextContents();
    expect(sources.length).toBeGreaterThan(0);
    await page.screenshot({ path: path.join(SHOTS, 'event.png'), fullPage: true });
    await page.keyboard.press('Escape'); // closes it, though the sentence keeps the focus
    expect(await first.locator('.sources').isVisible()).toBe(false);
    // Keyboard: focus the second sentence, Enter pins its sources.
    const second = page.locator('#summary ~ ol.summary .cite').nth(1);
    await second.locator('button.sentence').focus();
    expect(await second.locator('.sources').isVisible()).toBe(true); // focus shows them
    await page.keyboard.press('Enter');
    expect(await second.locator('button.sentence').getAttribute('aria-expanded')).toBe('true');
    // The rest of the page.
    for (const heading of ['Outlets', 'Who reported what', 'Word choices', 'Who said what', 'Who and where', 'Reports per day', 'Reports']) {
      expect(await page.locator('h2', { hasText: heading }).count(), heading).toBeGreaterThan(0);
    }
    expect(await page.locator('#coverage ~ div table td.yes').count()).toBeGreaterThan(0);
    expect(await page.locator('blockquote').count()).toBeGreaterThan(0);
    expect(await page.locator('text=(also ').count()).toBeGreaterThan(0); // aliases: Dehqan / Dehghan
    // A source link leads to its article.
    await Promise.all([page.waitForURL(/\/articles\//), first.locator('button.sentence').click().then(() => first.locator('.sources a').first().click())]);
    expect(await page.locator('mark.cited').count()).toBeGreaterThan(0);
    // The reports-per-day chart, on the biggest event (the seeds carry no publication dates).
    const biggest = (await store.events({ limit: 1 })).events[0];
    await page.goto(`${base}/events/${biggest.id}`);
    expect(await page.locator('svg.chart rect').count()).toBeGreaterThan(1);
    expect(await page.locator('figcaption').first().textContent()).toMatch(/reports from \d{4}-\d{2}-\d{2}/);
    await page.screenshot({ path: path.join(SHOTS, 'event-big.png'), fullPage: false });
    expect(problems).toEqual([]);
  });

  it('the biggest event at desktop and phone widths: a few screens long, its long lists on pages of their own', async () => {
    const biggest = (await store.events({ limit: 1 })).events[0];
    expect(biggest.articles.length).toBeGreaterThan(100);
    for (const [width, name] of [[1280, 'event-biggest-desktop'], [390, 'event-biggest-phone']] as const) {
      const { page, problems } = await open(`/events/${biggest.id}`, { width });
      const height = await page.evaluate(() => document.documentElement.scrollHeight);
      // A few screens: the 600 KB page of a 300-report event was 104,811 px tall.
      expect(height, `${width} px wide`).toBeLessThan(width > 600 ? 9000 : 20000);
      await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
      expect(await page.locator(`a[href="/events/${biggest.id}/reports"]`).count()).toBe(1);
      await Promise.all([page.waitForURL(/\/reports$/), page.click(`a[href="/events/${biggest.id}/reports"]`)]);
      expect(await page.locator('main ol > li').count()).toBe(50);
      expect(await page.locator('nav.pages a[rel=next]').count()).toBe(1);
      expect(problems).toEqual([]);
    }
  });

  it('front page on a phone: events on the first screen, the filters folded; a page past the end says so', async () => {
    const { page, problems } = await open('/', { width: 390 });
    const top = await page.locator('ol.events > li').first().evaluate((li) => li.getBoundingClientRect().top);
    expect(top).toBeLessThan(500);
    expect(await page.locator('form.filters').isVisible()).toBe(false);
    await page.screenshot({ path: path.join(SHOTS, 'front-phone.png'), fullPage: false });
    await page.goto(`${base}/?page=999`);
    expect(await page.locator('main').textContent()).toMatch(/There is no page 999: the events fill \d+ pages\./);
    await Promise.all([page.waitForURL(/page=\d+/), page.click('text=The last page')]);
    expect(await page.locator('ol.events > li').count()).toBeGreaterThan(0);
    await page.screenshot({ path: path.join(SHOTS, 'front-last-page.png'), fullPage: false });
    expect(problems).toEqual([]);
  });

  it('event page without JavaScript: the sources show on hover; the page reads in full', async () => {
    const { page, problems } = await open(`/events/${tehran}`, { javaScriptEnabled: false });
    const first = page.locator('#summary ~ ol.summary .cite').first();
    await first.locator('button.sentence').hover();
    expect(await first.locator('.sources').isVisible()).toBe(true);
    expect(await page.locator('#coverage ~ div table').count()).toBe(1);
    expect(problems).toEqual([]);
  });

  it('article page: cited sentences highlighted, removed boilerplate greyed with its reason', async () => {
    const event = (await store.event(tehran))!;
    const afp = (await store.articles(event.articles)).find((a) => a.outlet === 'AFP' && a.removed.length)!;
    const { page, problems } = await open(`/articles/${encodeURIComponent(afp.id)}`);
    expect(await page.locator('mark.cited').count()).toBeGreaterThan(0);
    expect(await page.locator('section.removed li').count()).toBe(afp.removed.length);
    expect(await page.locator('section.removed .reason').first().textContent()).toMatch(/—/);
    await page.screenshot({ path: path.join(SHOTS, 'article.png'), fullPage: true });
    expect(problems).toEqual([]);
  });

  it('search page: a name finds its other spellings, passages marked, the events listed', async () => {
    const { page, problems } = await open('/search?q=Dehqan');
    expect(await page.locator('main p[role=status]').textContent()).toMatch(/3 articles for .*Dehghan/);
    expect(await page.locator('ol.events mark').count()).toBeGreaterThan(0);
    expect(await page.locator('#ev-h').textContent()).toMatch(/In 1 event/);
    await page.screenshot({ path: path.join(SHOTS, 'search.png'), fullPage: true });
    expect(problems).toEqual([]);
  });

  it('search pages through all its hits: a total, 20 a page, next and previous', async () => {
    const { page, problems } = await open('/search?q=earthquake');
    const status = (await page.locator('main p[role=status]').textContent())!;
    const total = Number(/^(\d+) articles/.exec(status)![1]);
    expect(total).toBeGreaterThan(40);
    expect(status).toMatch(/hits 1–20 \(page 1 of \d+\)/);
    expect(await page.locator('section[aria-labelledby=hits-h] ol > li').count()).toBe(20);
    await Promise.all([page.waitForURL(/page=2/), page.click('nav.pages a[rel=next]')]);
    expect(await page.locator('main p[role=status]').textContent()).toMatch(/hits 21–40 \(page 2 of/);
    await page.screenshot({ path: path.join(SHOTS, 'search-page-2.png'), fullPage: false });
    await Promise.all([page.waitForURL((u) => !/page=/.test(u.search)), page.click('nav.pages a[rel=prev]')]);
    expect(await page.locator('main p[role=status]').textContent()).toMatch(/hits 1–20/);
    expect(problems).toEqual([]);
  });

  it('timeline page: key dates with cited sentences, and reports per day with those dates marked', async () => {
    const { page, problems } = await open('/timeline?q=earthquake');
    expect(await page.locator('dl.timeline dt').count()).toBe(10);
    expect(await page.locator('svg.chart rect.key').count()).toBeGreaterThan(0);
    expect(await page.locator('dl.timeline dt').first().textContent()).toMatch(/^2010-01-/);
    await page.screenshot({ path: path.join(SHOTS, 'timeline.png'), fullPage: true });
    expect(problems).toEqual([]);
  });

  it('a hostile article: its scripts, handlers and javascript: links show as text and nothing runs', async () => {
    const eventId = (await store.eventOf('hostile-1'))!;
    for (const url of [`/events/${eventId}`, '/articles/hostile-1', '/search?q=Varrow', `/?entity=Varrow`]) {
      const { page, problems } = await open(url);
      expect(await page.evaluate(() => (window as unknown as { __pwned?: string }).__pwned), url).toBeUndefined();
      expect(await page.locator('script:not([src])').count(), url).toBe(0);
      expect(await page.locator('img[src=x]').count(), url).toBe(0);
      expect(await page.locator('a[href^="javascript:"]').count(), url).toBe(0);
      expect(problems, url).toEqual([]);
      if (url.startsWith('/articles')) {
        expect(await page.locator('h1').textContent()).toContain('<script>');
        expect(await page.locator('.article-text').textContent()).toContain('onerror=');
        await page.screenshot({ path: path.join(SHOTS, 'hostile.png'), fullPage: true });
      }
    }
  });

  it('is responsive and labelled: no sideways scrolling on a phone, landmarks, every field labelled', async () => {
    for (const url of ['/', `/events/${tehran}`, '/search?q=Tehran']) {
      const { page } = await open(url, { width: 375 });
      expect(await page.evaluate(() => document.body.scrollWidth), url).toBeLessThanOrEqual(375);
      for (const landmark of ['header', 'nav', 'main', 'footer']) expect(await page.locator(landmark).count(), `${url} ${landmark}`).toBeGreaterThan(0);
      expect(await page.getAttribute('html', 'lang')).toBe('en');
      const unlabelled = await page.evaluate(() =>
        [...document.querySelectorAll('input, select')].filter((el) => !(el as HTMLInputElement).labels?.length && !el.getAttribute('aria-label')).map((el) => el.outerHTML),
      );
      expect(unlabelled, url).toEqual([]);
      if (url === '/') await page.screenshot({ path: path.join(SHOTS, 'front-phone.png'), fullPage: true });
    }
  });
});
