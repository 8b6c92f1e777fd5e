// Reading a stream batch by batch (what `newsdesk ingest` does, so that its memory does not grow with the input):
// the batches together hold exactly what one batch would, ids stay unique across batches, and an outlet's template
// lines learned in one batch are still removed in the batches after it.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Article, Diagnostic } from '../../src/model.js';
import { cleanArticles } from '../../src/clean/index.js';
import { readAndClean, readAndCleanBatches, type BatchLimits } from '../../src/pipeline/index.js';
import { removeTempDirs, tempDir } from '../ingest/helpers.js';

afterAll(removeTempDirs);

const TOWNS = ['Aldport', 'Brennick', 'Corrow', 'Dunmere', 'Eastwick', 'Farrow', 'Galton', 'Hollin', 'Ivybridge', 'Jarrow', 'Kelso', 'Lanark'];
/** A line no rule knows: only its recurrence across the outlet's pages makes it template. */
const FOOTER = 'Kestrel Gazette independent local news since 1912';

function report(i: number): string {
  const town = TOWNS[i % TOWNS.length];
  return `Officials in ${town} said on day ${i} that repairs to bridge number ${i} would begin soon. The council of ${town} approved a budget of ${i * 1000} pounds for the work after a debate.`;
}

function writeJsonl(file: string, records: object[]): string {
  fs.writeFileSync(file, records.map((r) => JSON.stringify(r)).join('\n') + '\n');
  return file;
}

async function batches(paths: string[], limits: BatchLimits): Promise<{ sizes: number[]; articles: Article[]; diagnostics: Diagnostic[] }> {
  const sizes: number[] = [];
  const articles: Article[] = [];
  const diagnostics: Diagnostic[] = [];
  for await (const b of readAndCleanBatches(paths, {}, limits)) {
    sizes.push(b.articles.length);
    articles.push(...b.articles);
    diagnostics.push(...b.diagnostics);
  }
  return { sizes, articles, diagnostics };
}

describe('readAndCleanBatches', () => {
  it('cuts a stream into batches by count and by size, and together they hold what one batch holds', async () => {
    const file = writeJsonl(path.join(tempDir(), 'wire.jsonl'), [
      ...Array.from({ length: 25 }, (_, i) => ({ id: `r${i}`, text: report(i) })),
      { id: 'bad' }, // no text: named once, in the batch it was read in
    ]);
    const byCount = await batches([file], { articles: 10 });
    expect(byCount.sizes).toEqual([10, 10, 5]);
    const whole = await readAndClean([file]);
    expect(byCount.articles.map((a) => a.id)).toEqual(whole.articles.map((a) => a.id));
    expect(byCount.articles.map((a) => a.text)).toEqual(whole.articles.map((a) => a.text));
    expect(byCount.diagnostics).toEqual(whole.diagnostics);
    expect(byCount.diagnostics).toMatchObject([{ source: `${file}:26`, severity: 'skipped' }]);
    // About 190 characters a report: a limit of 1,000 characters closes a batch every six reports.
    const bySize = await batches([file], { chars: 1000 });
    expect(bySize.sizes).toEqual([6, 6, 6, 6, 1]);
  });

  it('keeps ids unique across batches: a later document with a used id gets a suffix, the same document again is one article', async () => {
    const dir = tempDir();
    const first = writeJsonl(path.join(dir, 'a.jsonl'), Array.from({ length: 4 }, (_, i) => ({ id: `r${i}`, text: report(i) })));
    const second = writeJsonl(path.join(dir, 'b.jsonl'), [
      { id: 'r0', text: report(0) }, // the same document as a.jsonl's r0
      { id: 'r1', text: report(99) }, // another document claiming r1
    ]);
    const { articles, diagnostics } = await batches([first, second], { articles: 2 });
    expect(articles.map((a) => a.id)).toEqual(['r0', 'r1', 'r2', 'r3', expect.stringMatching(/^r1~[0-9a-f]{8}$/)]);
    expect(diagnostics).toMatchObject([{ source: `${second}:2`, severity: 'warning', reason: expect.stringMatching(/^id "r1" is already used/) }]);
  });

  it('removes template lines learned from earlier batches from an outlet page in a later one', async () => {
    const page = (i: number) => ({ id: `k${i}`, outlet: 'Kestrel Gazette', text: `${report(i)}\n\n${FOOTER}` });
    const file = writeJsonl(path.join(tempDir(), 'kestrel.jsonl'), [
      ...Array.from({ length: 8 }, (_, i) => page(i)),
      ...Array.from({ length: 8 }, (_, i) => ({ id: `o${i}`, outlet: 'Other Post', text: report(100 + i) })),
      page(8),
    ]);
    // Alone, the last page's footer is not known for template (one page cannot show recurrence): the rules keep it.
    const alone = cleanArticles([{ ...page(8), source: 'x', format: 'jsonl' }]);
    expect(alone.articles[0].text).toContain(FOOTER);
    // Read in batches of 8, the last page comes alone in its batch, after the batch that showed the footer recurring.
    const { sizes, articles } = await batches([file], { articles: 8 });
    expect(sizes).toEqual([8, 8, 1]);
    const last = articles.find((a) => a.id === 'k8')!;
    expect(last.text).not.toContain(FOOTER);
    expect(last.removed).toContainEqual({ line: FOOTER, reason: expect.stringMatching(/template/) });
    expect(articles.filter((a) => a.id.startsWith('k')).every((a) => !a.text.includes(FOOTER))).toBe(true);
  });
});
