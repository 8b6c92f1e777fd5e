// Progress on a terminal: the line it draws (count, rate, time left), throttled, cleared at the end, and nothing at all
// when stderr is not a terminal or the command was asked to be quiet.
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { Progress, formatDuration, progressLine } from '../../src/cli/progress.js';

function terminal(isTTY: boolean): PassThrough & { isTTY: boolean; columns: number; text: () => string } {
  const s = new PassThrough() as PassThrough & { isTTY: boolean; columns: number; text: () => string };
  const chunks: string[] = [];
  s.on('data', (c: Buffer) => chunks.push(c.toString()));
  s.isTTY = isTTY;
  s.columns = 120;
  s.text = () => chunks.join('');
  return s;
}

describe('progress', () => {
  it('says what, how far, how fast and how long is left', () => {
    expect(progressLine('understanding articles', 1200, 5000, 4)).toBe('understanding articles 1,200/5,000 · 300/s · about 13 s left');
    // Not before the estimate has settled: too early in the phase, or too little of its work done.
    expect(progressLine('understanding articles', 1200, 5000, 2)).toBe('understanding articles 1,200/5,000 · 600/s · estimating time left');
    expect(progressLine('understanding articles', 100, 5000, 10)).toBe('understanding articles 100/5,000 · 10.0/s · estimating time left');
    expect(progressLine('reading articles', 30, null, 4)).toBe('reading articles 30 · 7.5/s');
    expect(progressLine('summarising events', 10, 10, 1)).toBe('summarising events 10/10 · 10.0/s');
    expect(formatDuration(0.2)).toBe('1 s');
    expect(formatDuration(125)).toBe('2 min 5 s');
    expect(formatDuration(3 * 3600 + 65)).toBe('3 h 1 min');
  });

  it('draws one line in place on a terminal, throttled, and clears it when done', async () => {
    const out = terminal(true);
    const p = new Progress(out, true);
    for (let i = 1; i <= 1000; i++) p.update('understanding articles', i, 1000);
    p.done();
    await new Promise((r) => setImmediate(r));
    const drawn = out.text().split('\r\x1b[2K').filter(Boolean);
    expect(drawn.length).toBeGreaterThanOrEqual(2); // the first and the last, at least
    expect(drawn.length).toBeLessThan(20); // not a line an article
    expect(drawn[drawn.length - 1]).toMatch(/^understanding articles 1,000\/1,000/);
    expect(out.text().endsWith('\r\x1b[2K')).toBe(true);
  });

  it('stays silent off a terminal and when disabled', async () => {
    for (const [tty, enabled] of [[false, true], [true, false]] as const) {
      const out = terminal(tty);
      const p = new Progress(out, enabled);
      p.update('reading articles', 5, null);
      p.done();
      await new Promise((r) => setImmediate(r));
      expect(out.text()).toBe('');
    }
  });
});
