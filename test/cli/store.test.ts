// `newsdesk ingest`, `events` and `show` against a store in a temp folder: idempotent re-ingest, changed articles,
// listing and showing events, and the errors a user meets.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Event, Report } from '../../src/model.js';
import { removeTempDirs, SEEDS, seedIds, tempDir } from './helpers.js';
import { lines, run } from './run.js';
import { openStore } from '../../src/store/index.js';
import { errorsOf, validateEvent } from './schema.js';

afterAll(removeTempDirs);

interface IngestSummary {
  added: number;
  updated: number;
  unchanged: number;
  skipped: number;
  unchangedFiles: number;
  articles: number;
  events: number;
  db: string;
}

async function ingest(paths: string[], db: string): Promise<IngestSummary> {
  const r = await run(['ingest', ...paths, '--db', db, '--json']);
  expect(r.code, r.stderr).toBe(0);
  expect(r.stderr).toBe('');
  expect(lines(r.stdout), 'one JSON line').toHaveLength(1);
  return JSON.parse(r.stdout) as IngestSummary;
}

describe('ingest the seeds twice, then events and show', () => {
  let db: string;
  let analyzed: Report;
  beforeAll(async () => {
    db = path.join(tempDir(), 'x.db');
    analyzed = JSON.parse((await run(['analyze', SEEDS, '--json'])).stdout) as Report;
  });

  it('adds the five articles in two events the first time', async () => {
    expect(await ingest([SEEDS], db)).toEqual({ added: 5, updated: 0, unchanged: 0, skipped: 0, unchangedFiles: 0, articles: 5, events: 2, db });
    expect(fs.existsSync(db)).toBe(true);
  });

  it('changes nothing the second time: the five files are known unchanged and not read again', async () => {
    expect(await ingest([SEEDS], db)).toEqual({ added: 0, updated: 0, unchanged: 0, skipped: 0, unchangedFiles: 5, articles: 5, events: 2, db });
  });

  it('read again (--reread), the five articles are unchanged', async () => {
    const r = await run(['ingest', SEEDS, '--db', db, '--json', '--reread']);
    expect(JSON.parse(r.stdout)).toEqual({ added: 0, updated: 0, unchanged: 5, skipped: 0, unchangedFiles: 0, articles: 5, events: 2, db });
  });

  it('says the same on stderr without --json', async () => {
    const r = await run(['ingest', SEEDS, '--db', db]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(lines(r.stderr)).toEqual([
      `newsdesk: 5 files unchanged since ingested into ${db}: not read again (--reread reads them)`,
      `newsdesk: 0 added, 0 updated, 0 unchanged, 0 skipped; the store ${db} holds 5 articles in 2 events`,
    ]);
    expect((await run(['ingest', SEEDS, '--db', db, '--quiet'])).stderr).toBe('');
  });

  it('events lists one line per event: id, size, headline', async () => {
    const r = await run(['events', '--db', db]);
    expect(r.code).toBe(0);
    expect(r.stderr.trim()).toBe('Events 1–2 of 2. One event in full: npx newsdesk show <event-id>'); // the hint goes to stderr, stdout stays one line an event
    const out = lines(r.stdout);
    expect(out).toHaveLength(2);
    analyzed.events.forEach((e, i) => {
      expect(out[i].startsWith(`${e.id} `), out[i]).toBe(true);
      expect(out[i]).toContain(`${e.articles.length} articles`);
      expect(out[i].endsWith(e.headline), out[i]).toBe(true);
    });
  });

  it('events --json gives the events analyze gives for the same articles', async () => {
    const r = await run(['events', '--db', db, '--json']);
    expect(r.code).toBe(0);
    const events = JSON.parse(r.stdout) as Event[];
    for (const e of events) expect(validateEvent(e), errorsOf(validateEvent)).toBe(true);
    expect(events).toEqual(analyzed.events);
  });

  it('reads the store from NEWSDESK_DB when --db is not given', async () => {
    const r = await run(['events', '--json'], { env: { NEWSDESK_DB: db } });
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as Event[]).map((e) => e.id)).toEqual(analyzed.events.map((e) => e.id));
  });

  it('show prints an event: headline, summary, numbered sources', async () => {
    const e = analyzed.events[0];
    const r = await run(['show', e.id, '--db', db]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const out = lines(r.stdout);
    expect(out[0]).toBe(e.headline);
    expect(out[1]).toContain(e.id);
    for (const s of e.summary) expect(r.stdout).toContain(`  • ${s.text} [`);
    const sources = out.indexOf('  Sources:');
    expect(sources).toBeGreaterThan(1);
    e.articles.forEach((id, i) => expect(out[sources + 1 + i].startsWith(`  [${i + 1}] ${id}`)).toBe(true));
  });

  it('show --json gives the event as the API does: compact, or whole with --include all', async () => {
    const e = analyzed.events[1];
    const r = await run(['show', e.id, '--db', db, '--json']);
    expect(r.code).toBe(0);
    const compact = JSON.parse(r.stdout) as Event & { articleCount: number; included: string[] };
    expect(compact).toMatchObject({ id: e.id, headline: e.headline, summary: e.summary, articles: e.articles, articleCount: e.articles.length, included: [] });
    expect(compact.comparison).toBeUndefined();
    const whole = JSON.parse((await run(['show', e.id, '--db', db, '--json', '--include', 'all'])).stdout) as Event & { articleCount: number; included: string[] };
    const { articleCount: _n, included: _i, ...event } = whole;
    expect(validateEvent(event), errorsOf(validateEvent)).toBe(true);
    expect(event).toEqual(e);
    const bad = await run(['show', e.id, '--db', db, '--json', '--include', 'everything']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/unknown part "everything"/);
  });

  it('show of an unknown id exits 1 and says so', async () => {
    const r = await run(['show', 'nope', '--db', db]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(lines(r.stderr)).toEqual([`newsdesk: no event nope in ${db} (see newsdesk events)`]);
  });
});

describe('ingest a changed article', () => {
  it('replaces it (1 updated), leaves the rest unread, and the store shows the new text', async () => {
    const dir = tempDir();
    const copy = path.join(dir, 'seeds');
    fs.mkdirSync(copy);
    for (const id of seedIds()) fs.copyFileSync(path.join(SEEDS, `${id}.txt`), path.join(copy, `${id}.txt`));
    const db = path.join(dir, 'x.db');
    expect(await ingest([copy], db)).toMatchObject({ added: 5, updated: 0, unchanged: 0, articles: 5 });

    const changed = seedIds().find((id) => id.startsWith('004'))!;
    const added = 'Officials in Damascus said on Friday that reconstruction of the city would begin within weeks.';
    fs.appendFileSync(path.join(copy, `${changed}.txt`), `\n\n${added}\n`);
    // Only the changed file is read again.
    expect(await ingest([copy], db)).toMatchObject({ added: 0, updated: 1, unchanged: 0, unchangedFiles: 4, skipped: 0, articles: 5 });

    const events = JSON.parse((await run(['events', '--db', db, '--json'])).stdout) as Event[];
    const event = events.find((e) => e.articles.includes(changed))!;
    const stored = await openStore(db);
    expect((await stored.article(changed))!.text).toContain(added);
    await stored.close();
    expect(event.articles).toContain(changed);

    // Ingesting the same changed version again changes nothing (and reads nothing).
    expect(await ingest([copy], db)).toMatchObject({ added: 0, updated: 0, unchanged: 0, unchangedFiles: 5 });
  });
});

describe('store errors', () => {
  it('a store that cannot be opened: exit 1, one clear line, no stack trace', async () => {
    const db = path.join(tempDir(), 'no', 'such', 'folder', 'x.db');
    for (const argv of [['events', '--db', db], ['ingest', SEEDS, '--db', db], ['show', 'ev-000000000000', '--db', db]]) {
      const r = await run(argv);
      expect(r.code, argv.join(' ')).toBe(1);
      expect(r.stdout).toBe('');
      expect(lines(r.stderr)).toHaveLength(1);
      // Reading commands refuse a store that is not there before trying to open it; ingest would create it.
      expect(r.stderr).toContain(argv[0] === 'ingest' ? `cannot open the store ${db}` : `no store at ${db}`);
      expect(r.stderr).not.toContain('    at ');
    }
  });

  it('an empty store lists no events and says how to add some', async () => {
    const db = path.join(tempDir(), 'empty.db');
    await (await openStore(db)).close();
    const r = await run(['events', '--db', db]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('No events yet');
    expect(JSON.parse((await run(['events', '--db', db, '--json'])).stdout)).toEqual([]);
  });
});

describe('ingest --enqueue and worker', () => {
  it('queues the articles without working on them; a worker --until-idle then makes the same events as ingest', async () => {
    const db = path.join(tempDir(), 'queued.db');
    const queued = await run(['ingest', SEEDS, '--db', db, '--enqueue']);
    expect(queued.code, queued.stderr).toBe(0);
    expect(lines(queued.stderr)).toEqual([`newsdesk: 5 added, 0 updated, 0 unchanged, 0 skipped; the store ${db} holds 0 articles in 0 events; 5 queued for workers`]);
    const worked = await run(['worker', '--db', db, '--until-idle', '--json']);
    expect(worked.code, worked.stderr).toBe(0);
    expect(JSON.parse(worked.stdout)).toMatchObject({ jobs: 1, added: 5, placements: 1, events: 2 });
    const direct = path.join(tempDir(), 'direct.db');
    await ingest([SEEDS], direct);
    const events = async (file: string) => (JSON.parse((await run(['events', '--db', file, '--json'])).stdout) as Event[]).map((e) => [e.id, e.articles, e.headline]);
    expect(await events(db)).toEqual(await events(direct));
  });

  it('worker takes no arguments', async () => {
    const r = await run(['worker', 'extra']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('worker takes no arguments');
  });
});
