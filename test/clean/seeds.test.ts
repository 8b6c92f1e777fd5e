// Acceptance on the five real seeds: every boilerplate line the issue names is removed, every line of reporting kept,
// the title found once, and the credits read. Expected boilerplate is described by kind (UI words, photo credits,
// position after "Check Also", last line), not by copying the seeds' reporting.
import { describe, expect, it } from 'vitest';
import { cleanArticles, normalizeText } from '../../src/clean/index.js';
import type { Article } from '../../src/model.js';
import { seedRaws } from '../shared.js';

const raws = seedRaws();
const { articles, diagnostics } = cleanArticles(raws);
const byPrefix = new Map<string, Article>(articles.map((a) => [a.id.slice(0, 3), a]));
const rawLines = new Map(raws.map((r) => [r.id.slice(0, 3), normalizeText(r.text!).text.split('\n').map((l) => l.replace(/ {2,}/g, ' ').trim()).filter(Boolean)]));

/** Page furniture lines as the issue lists them. */
const UI_LINES = new Set(['Share', 'Advertisement', 'Rate this item', '(0 votes)', 'Read 428 times', 'Add comment', 'Security code', 'Check Also', 'AFP photo', 'By Press TV', 'Manar / Ghossoun']);

function expectedBoilerplate(prefix: string): string[] {
  const lines = rawLines.get(prefix)!;
  const out = lines.filter((l) => UI_LINES.has(l) || l.endsWith('(Photo by IRNA)'));
  const checkAlso = lines.indexOf('Check Also');
  if (checkAlso >= 0) out.push(lines[checkAlso + 1]); // the teaser headline under it
  if (prefix === '000') out.push(lines[lines.length - 1]); // the trailing related-story headline
  return out;
}

describe('cleaning the seeds', () => {
  it('reads all five without a diagnostic', () => {
    expect(articles).toHaveLength(5);
    expect(diagnostics).toEqual([]);
  });

  it('removes every boilerplate line the issue names: 16 whole lines, 2 datelines, 1 glued image file name', () => {
    let count = 0;
    for (const prefix of ['000', '001', '002', '003', '004']) {
      const a = byPrefix.get(prefix)!;
      const removedLines = a.removed.map((r) => r.line);
      for (const line of expectedBoilerplate(prefix)) {
        expect(removedLines, `${prefix}: ${line}`).toContain(line);
        expect(a.text).not.toContain(line);
        count++;
      }
    }
    // Datelines and the image file name glued to a sentence are cut from their lines.
    const sana = byPrefix.get('003')!;
    expect(sana.removed.find((r) => r.reason === 'dateline')?.line).toMatch(/^Tehran, SANA/);
    expect(sana.removed.find((r) => r.reason.includes('image file name'))?.line).toMatch(/^Shamkhani-al-Freij-Iran-Syria/);
    expect(sana.text).toMatch(/he said\.\n/);
    const afp = byPrefix.get('001')!;
    expect(afp.removed.find((r) => r.reason === 'dateline')?.line).toMatch(/^TEHRAN . Agence France-Presse$/);
    count += 3;
    expect(count).toBe(19);
  });

  it('keeps every line of reporting, the subheading included', () => {
    let kept = 0;
    for (const [prefix, lines] of rawLines) {
      const a = byPrefix.get(prefix)!;
      const boiler = new Set(expectedBoilerplate(prefix));
      for (const line of lines) {
        if (boiler.has(line) || line === a.title) continue;
        if (/^TEHRAN . Agence France-Presse$/.test(line)) continue;
        // A dateline or a glued file name is cut from its line; the reporting around it stays.
        const reporting = line.replace(/^Tehran, SANA . /, '').replace(/(?<=said\.)Shamkhani-al-Freij-Iran-Syria 1$/, '');
        expect(a.text, `${prefix} lost: ${line}`).toContain(reporting);
        kept++;
      }
    }
    expect(byPrefix.get('002')!.text.split('\n')).toContain('Talks with Shamkhani');
    expect(kept).toBe(73);
  });

  it('finds each title once', () => {
    expect(byPrefix.get('000')!.title).toBe('Iran, Russia, Syria defense chiefs to meet in Tehran');
    for (const a of articles) {
      expect(a.title).toBeTruthy();
      expect(a.text.split('\n')).not.toContain(a.title);
    }
    const afp = byPrefix.get('001')!;
    expect(afp.removed.filter((r) => r.line === afp.title).map((r) => r.reason)).toEqual(['title', 'repeated title', 'repeated title']);
  });

  it('reads outlets, agencies and datelines', () => {
    const afp = byPrefix.get('001')!;
    expect(afp.agencies).toEqual(['AFP']);
    expect(afp.credits).toContainEqual({ name: 'AFP', via: 'dateline' });
    expect(afp.dateline).toBe('Tehran');
    expect(byPrefix.get('002')!.outlet).toBe('Press TV');
    expect(byPrefix.get('003')!.outlet).toBe('SANA');
    expect(byPrefix.get('003')!.dateline).toBe('Tehran');
    expect(byPrefix.get('000')!.outlet).toBeNull();
  });

  it('detects English on the body', () => {
    for (const a of articles) expect(a.language).toBe('en');
  });
});
