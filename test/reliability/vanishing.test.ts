// Inputs that change under newsdesk while it reads them: files deleted, truncated, turned into folders or named pipes,
// made unreadable, and a folder removed, all after the walk has listed them and while an ingest is under way. The
// mutations are made from the reading path's own progress callback, so they land at a known point of the run, not at a
// moment a timer guesses. Every article still on disk when it is reached is read; every input that changed gets one
// message naming it and why; nothing hangs (a named pipe with no writer would block a plain open forever).
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Article, Diagnostic } from '../../src/model.js';
import { readAndCleanBatches } from '../../src/pipeline/index.js';
import { removeTempDirs, tempDir, writeTree } from '../ingest/helpers.js';
import { story } from './hostile.js';

afterAll(removeTempDirs);

/** Lines of the big JSONL inputs: long enough that the reader takes several chunks (1 MB each) to get through them. */
const LINES = 3000;
const line = (prefix: string, i: number) =>
  JSON.stringify({ id: `${prefix}-${i}`, title: `Report ${i} from ${prefix}`, text: `${story(`Town${i}`)} ${'Filler words of a report. '.repeat(20)}` });

/** Root reads every file whatever its mode: a file made unreadable is then read, as it should be. */
const asRoot = process.getuid?.() === 0;

describe('inputs that vanish or change during an ingest', () => {
  let dir: string;
  const corpus = () => path.join(dir, 'corpus');
  const inCorpus = (name: string) => path.join(corpus(), name);
  const stream = () => path.join(dir, 'stream.jsonl');
  const shrinks = () => path.join(dir, 'shrinks.jsonl');
  const articles: Article[] = [];
  const diagnostics: Diagnostic[] = [];
  /** Documents the corpus folder yields after the mutations: a-first, f-unreadable (read by root only) and z-last. */
  const fromCorpus = asRoot ? 3 : 2;

  beforeAll(async () => {
    dir = tempDir();
    fs.writeFileSync(stream(), Array.from({ length: LINES }, (_, i) => line('stream', i)).join('\n') + '\n');
    fs.writeFileSync(shrinks(), Array.from({ length: LINES }, (_, i) => line('shrinks', i)).join('\n') + '\n');
    writeTree(corpus(), {
      'a-first.txt': `First report\n\n${story('Aldport')}\n`,
      'b-vanishes.txt': `Vanishing report\n\n${story('Brennick')}\n`,
      'c-becomes-folder.txt': `Folder report\n\n${story('Corrow')}\n`,
      'd-becomes-pipe.txt': `Pipe report\n\n${story('Dunmere')}\n`,
      'e-emptied.txt': `Emptied report\n\n${story('Eastwick')}\n`,
      'f-unreadable.txt': `Unreadable report\n\n${story('Farrow')}\n`,
      'g-removed/one.txt': `Removed report one\n\n${story('Galton')}\n`,
      'g-removed/two.txt': `Removed report two\n\n${story('Galton')}\n`,
      'z-last.txt': `Last report\n\n${story('Zennor')}\n`,
    });
    const onProgress = (read: number) => {
      if (read === 1) {
        // a-first.txt is read: the corpus folder is listed, none of the others is opened yet.
        fs.unlinkSync(inCorpus('b-vanishes.txt'));
        fs.rmSync(inCorpus('c-becomes-folder.txt'));
        fs.mkdirSync(inCorpus('c-becomes-folder.txt'));
        fs.rmSync(inCorpus('d-becomes-pipe.txt'));
        execFileSync('mkfifo', [inCorpus('d-becomes-pipe.txt')]);
        fs.truncateSync(inCorpus('e-emptied.txt'), 0);
        fs.chmodSync(inCorpus('f-unreadable.txt'), 0o000);
        fs.rmSync(inCorpus('g-removed'), { recursive: true });
      } else if (read === fromCorpus + 1) {
        // The first line of stream.jsonl is read: the file is open. Deleted now, it is still read to its end.
        fs.unlinkSync(stream());
      } else if (read === fromCorpus + LINES + 1) {
        // The first line of shrinks.jsonl is read (its first chunk is in memory): the rest of the file is cut away.
        fs.truncateSync(shrinks(), 10);
      }
    };
    for await (const batch of readAndCleanBatches([corpus(), stream(), shrinks()], { onProgress, onDiagnostic: (d) => diagnostics.push(d) })) {
      for (const a of batch.articles) articles.push(a);
    }
  }, 120_000);

  const ids = () => new Set(articles.map((a) => a.id));
  const said = (source: string) => diagnostics.filter((d) => d.source === source);

  it('reads every article still on disk when it is reached', () => {
    const got = ids();
    expect(got.has('a-first')).toBe(true);
    expect(got.has('z-last')).toBe(true);
    expect(got.has('f-unreadable')).toBe(asRoot);
    // A file deleted while open is read to its end: every line of stream.jsonl.
    expect(articles.filter((a) => a.id.startsWith('stream-')).length).toBe(LINES);
    // A file cut short while it was read gives the lines read before the cut: a prefix, in order.
    const kept = articles.filter((a) => a.id.startsWith('shrinks-')).map((a) => Number(a.id.slice('shrinks-'.length)));
    expect(kept.length).toBeGreaterThan(0);
    expect(kept.length).toBeLessThan(LINES);
    expect(kept).toEqual(kept.map((_, i) => i));
  });

  it('names each input that changed, once, with the reason', () => {
    expect(said(inCorpus('b-vanishes.txt'))).toMatchObject([{ severity: 'skipped', reason: 'could not read the file: it no longer exists' }]);
    expect(said(inCorpus('c-becomes-folder.txt'))).toMatchObject([{ severity: 'skipped', reason: 'could not read the file: it is a folder' }]);
    expect(said(inCorpus('d-becomes-pipe.txt'))).toMatchObject([{ severity: 'skipped', reason: 'not a regular file (a pipe, socket or device)' }]);
    expect(said(inCorpus('e-emptied.txt'))).toMatchObject([{ severity: 'skipped', reason: expect.stringMatching(/empty/) }]);
    expect(said(inCorpus('g-removed'))).toMatchObject([{ severity: 'skipped', reason: 'could not read the folder: it no longer exists' }]);
    if (!asRoot) expect(said(inCorpus('f-unreadable.txt'))).toMatchObject([{ severity: 'skipped', reason: 'could not read the file: permission denied' }]);
    // The line the cut went through is named, as a file that ends mid-line; nothing is said of the lines cut away.
    const kept = articles.filter((a) => a.id.startsWith('shrinks-')).length;
    expect(diagnostics.filter((d) => d.source.startsWith(shrinks()))).toMatchObject([
      { source: `${shrinks()}:${kept + 1}`, severity: 'skipped', reason: expect.stringMatching(/ends in the middle of this line/) },
    ]);
    // Nothing else was said: the deleted-while-open stream.jsonl and the good files are silent.
    const named = new Set(['b-vanishes.txt', 'c-becomes-folder.txt', 'd-becomes-pipe.txt', 'e-emptied.txt', 'g-removed', 'f-unreadable.txt'].map(inCorpus));
    expect(diagnostics.filter((d) => !named.has(d.source) && !d.source.startsWith(shrinks()))).toEqual([]);
  });
});

describe('a named pipe among the files of a folder', () => {
  it('is named and never opened (opening it would wait for a writer that never comes); the other files are read', async () => {
    const dir = tempDir();
    writeTree(dir, { 'a.txt': `A report\n\n${story('Aldport')}\n` });
    execFileSync('mkfifo', [path.join(dir, 'b.txt')]);
    execFileSync('mkfifo', [path.join(dir, 'notes.fifo')]); // not named like news: passed by, as any other such file
    const articles: Article[] = [];
    const diagnostics: Diagnostic[] = [];
    for await (const batch of readAndCleanBatches([dir], { onDiagnostic: (d) => diagnostics.push(d) })) articles.push(...batch.articles);
    expect(articles.map((a) => a.id)).toEqual(['a']);
    expect(diagnostics).toEqual([{ source: path.join(dir, 'b.txt'), reason: 'not a regular file (a pipe, socket or device)', severity: 'skipped' }]);
  });
});
