// The cleaning rules one by one, on inputs written for the purpose (fictional), including the cases they must leave alone.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cleanArticles, normalizeText, OutletRegistry, parseGivenDate, repairMojibake } from '../../src/clean/index.js';
import { readDateline } from '../../src/clean/credits.js';
import { detectLanguage } from '../../src/clean/language.js';
import { byline, datedBylineAt, firstSummaryPoint, isSignature, leadingChrome, photoCaption, readByline, splitGluedFilename, transcriptTitle } from '../../src/clean/rules.js';
import { wordCount } from '../../src/clean/normalize.js';
import type { RawArticle } from '../../src/model.js';

const registry = OutletRegistry.load();
const clean = (raw: Partial<RawArticle> & { text?: string; html?: string }) =>
  cleanArticles([{ id: 'x', source: 'x', format: 'text', ...raw }], { registry }).articles[0];

describe('normalisation', () => {
  it('repairs UTF-8 read as windows-1252', () => {
    expect(repairMojibake('the mayorâ€™s office â€“ â€œnowâ€\u009d and cafÃ©').text).toBe('the mayor’s office – “now” and café');
  });
  it('leaves real Latin-1 text alone', () => {
    expect(repairMojibake('Ã la carte? No: São Paulo, Zürich, Âge').text).toBe('Ã la carte? No: São Paulo, Zürich, Âge');
  });
  it('removes zero-width characters and soft hyphens, folds NBSP, unescapes treebank slashes', () => {
    expect(normalizeText('a\u00a0b\u200bc\u00add 1\\/2\u202fe').text).toBe('a bcd 1/2 e');
  });
});

describe('datelines', () => {
  const cases: Array<[string, string, string | null, string]> = [
    ['KESSALY – Meridian Wire Service', 'Kessaly', 'Meridian Wire Service', ''],
    ['WASHINGTON (Reuters) - The Senate voted on Tuesday.', 'Washington', 'Reuters', 'The Senate voted on Tuesday.'],
    ['Cairo, Egypt (CNN) -- Thousands marched.', 'Cairo', 'CNN', 'Thousands marched.'],
    ['LONDON, June 9 (Reuters) - Shares fell.', 'London', 'Reuters', 'Shares fell.'],
    ['Damascus, SANA – The minister met his counterpart.', 'Damascus', 'SANA', 'The minister met his counterpart.'],
    ['BEIRUT, Lebanon — Protests continued.', 'Beirut', null, 'Protests continued.'],
    ['NAIROBI — The rains came late.', 'Nairobi', null, 'The rains came late.'],
  ];
  it.each(cases)('%s', (line, place, credit, rest) => {
    const d = readDateline(line, registry)!;
    expect(d).not.toBeNull();
    expect(d.place).toBe(place);
    expect(d.credit === null ? null : registry.lookup(d.credit)?.name ?? d.credit).toBe(credit === null ? null : registry.lookup(credit)?.name ?? credit);
    expect(d.rest).toBe(rest);
  });
  it.each(['Iran, Russia and Syria met – again.', 'The talks – held in private – ended.', 'Smith, the minister – who resigned – spoke.'])('is not read in "%s"', (line) => {
    expect(readDateline(line, registry)).toBeNull();
  });
});

describe('line rules', () => {
  it('photo captions and credits', () => {
    const cap = (l: string) => photoCaption(l, () => wordCount(l));
    expect(cap('Rescuers search the rubble on Monday. (Photo by Meridian)')).toEqual({ credit: 'Meridian' });
    expect(cap('Reuters photo')).toEqual({ credit: 'Reuters' });
    expect(cap('Photo: Jane Doe/Getty Images')).not.toBeNull();
    expect(cap('Take a look at those pictures.')).toBeNull();
    expect(cap('The photo showed the minister smiling.')).toBeNull();
  });
  it('bylines name people or outlets, not sentences', () => {
    const by = (l: string) => byline(l, () => wordCount(l));
    expect(by('By Press TV')).toEqual(['Press TV']);
    expect(by('By Amir Ahmed, CNN')).toEqual(['Amir Ahmed', 'CNN']);
    expect(by('By Friday night, the protesters got what they were seeking.')).toBeNull();
  });
  it('bylines as pages write them, alone or glued to what follows: the people, the outlets, where the byline ends', () => {
    const read = (l: string) => readByline(l, (name) => Boolean(registry.lookup(name)));
    expect(read('By Jane Marlow')).toEqual({ text: 'By Jane Marlow', people: ['Jane Marlow'], outlets: [], rest: '' });
    expect(read('By: Jane Marlow')).toMatchObject({ people: ['Jane Marlow'], rest: '' });
    expect(read('By Jonathan Marcus BBC Diplomatic Correspondent')).toMatchObject({ people: ['Jonathan Marcus'], outlets: ['BBC'], rest: '' });
    expect(read('By Mark Mardell BBC North America editor')).toMatchObject({ people: ['Mark Mardell'], outlets: ['BBC'], rest: '' });
    expect(read('By David Willis BBC News, Los Angeles Engineers said the river peaked.')).toMatchObject({ people: ['David Willis'], outlets: ['BBC News'], rest: 'Engineers said the river peaked.' });
    expect(read('January 25, 2011 | By Amir Ahmed, CNN Demonstrators clash with police')).toMatchObject({ text: 'January 25, 2011 | By Amir Ahmed, CNN', people: ['Amir Ahmed'], outlets: ['CNN'] });
    expect(read("By Elise Labott, CNN's Senior State Department Producer Two weeks ago")).toMatchObject({ people: ['Elise Labott'], rest: 'Two weeks ago' });
    expect(read('By Tarek Osman, Special to CNN This week tens of thousands')).toMatchObject({ people: ['Tarek Osman'], outlets: ['CNN'], rest: 'This week tens of thousands' });
    expect(read('By John D. Sutter and Jane Marlow, CNN Is the internet')).toMatchObject({ people: ['John D. Sutter', 'Jane Marlow'], rest: 'Is the internet' });
    expect(read('By Jane Marlow, Science Editor KINGSFORD (Reuters) - The river')).toMatchObject({ people: ['Jane Marlow'], rest: 'KINGSFORD (Reuters) - The river' });
    expect(read('By Noel Randewich and Armando Tovar MEXICO CITY (Reuters) - A strain')).toMatchObject({ people: ['Noel Randewich', 'Armando Tovar'], rest: 'MEXICO CITY (Reuters) - A strain' });
    expect(read('By the CNN Wire Staff Protesters gathered')).toMatchObject({ people: [], outlets: ['CNN'], rest: 'Protesters gathered' });
    expect(read('By Frank Ahrens | December 20, 2009; 11:55 PM ET | Permalink')).toMatchObject({ people: ['Frank Ahrens'], rest: '' });
    expect(read('February 13, 2011 | From Hada Messia, CNN Protesters gather')).toMatchObject({ people: ['Hada Messia'], outlets: ['CNN'] });
    // Not bylines.
    expect(read('By Friday night, the protesters got what they were seeking.')).toBeNull();
    expect(read('From New York, the storm moved north.')).toBeNull();
    expect(read('Byron Marlow said the river would peak.')).toBeNull();
  });
  it('a headline before a dated byline, a transcript\'s title, a wire\'s first summary point, template chrome', () => {
    const line = 'Analysis: Kingsford counts the cost January 26, 2011 | By Jane Marlow, KFLD The river fell.';
    expect(line.slice(0, datedBylineAt(line)).trim()).toBe('Analysis: Kingsford counts the cost');
    expect(datedBylineAt('The river fell on January 26, 2011.')).toBe(-1);
    expect(transcriptTitle('Flood in Kingsford; Interview With the Mayor Aired March 12, 2026 - 09:00 ET THIS IS A RUSH TRANSCRIPT.')).toBe('Flood in Kingsford');
    expect(firstSummaryPoint('* Council opens three shelters * Bridges closed KINGSFORD (Reuters) - The river')).toBe('Council opens three shelters');
    expect(firstSummaryPoint('The council opened three shelters * on Monday')).toBeNull();
    expect(leadingChrome('(an error occurred while processing this directive) The river fell.')?.rest).toBe('The river fell.');
    expect(leadingChrome('" This Story: Read + | Watch + | Talk + | The river fell.')?.rest).toBe('The river fell.');
    expect(leadingChrome('For the latest flood news: www.kfld.com The river fell.')?.rest).toBe('The river fell.');
    expect(leadingChrome('The river fell.')).toBeNull();
  });
  it('author signatures', () => {
    expect(isSignature('Rana / Tomas', () => 3)).toBe(true);
    expect(isSignature('H. Said / A. Nasr', () => 4)).toBe(true);
    expect(isSignature('Oil / gas prices rose', () => 4)).toBe(false);
  });
  it('image file names glued to a sentence', () => {
    expect(splitGluedFilename('the council said.Mayor-Oduya-flood-visit 2')).toEqual({ kept: 'the council said.', filename: 'Mayor-Oduya-flood-visit 2' });
    expect(splitGluedFilename('He met the well-known long-time adviser.')).toBeNull();
    expect(splitGluedFilename('It was a state-of-the-art plant')).toBeNull();
  });
});

describe('an article end to end', () => {
  it('a text page: UI line before the title, repeated title, teaser list, trailing headline, signature', () => {
    const a = clean({
      text: [
        'Print', 'Harbour cranes idle as strike enters second day', 'Harbour cranes idle as strike enters second day',
        'SALTMERE – Meridian Wire Service',
        'Cranes stood idle at Saltmere for a second day on Tuesday as the dockworkers’ strike held firm.',
        'Talks at the ministry', 'Union leaders met officials at the labour ministry but no date was set for new talks.',
        'Rana / Tomas', 'Read also', 'Flood waters recede in Port Alder', 'Election commission confirms result',
        'Heatwave warning for the south',
      ].join('\n'),
    });
    expect(a.title).toBe('Harbour cranes idle as strike enters second day');
    expect(a.text.split('\n')).toEqual([
      'Cranes stood idle at Saltmere for a second day on Tuesday as the dockworkers’ strike held firm.',
      'Talks at the ministry',
      'Union leaders met officials at the labour ministry but no date was set for new talks.',
    ]);
    expect(a.dateline).toBe('Saltmere');
    expect(a.agencies).toEqual(['Meridian Wire Service']);
    expect(a.removed.map((r) => r.reason)).toEqual([
      expect.stringMatching(/furniture/), 'title', 'repeated title', 'dateline', 'author signature', 'teaser list heading',
      expect.stringMatching(/^teaser headline/), expect.stringMatching(/^teaser headline/), expect.stringMatching(/^teaser headline/),
    ]);
  });

  it('an HTML page: Readability finds the article, metadata gives outlet, date and URL, chrome is gone', () => {
    const html = readFileSync(new URL('../fixtures/page-with-chrome.html', import.meta.url), 'utf8');
    const a = clean({ format: 'html', html });
    expect(a.title).toBe('Bridge reopens after repairs');
    expect(a.outlet).toBe('Northfield Gazette');
    expect(a.published).toBe('2026-02-03');
    expect(a.publishedFrom).toBe('metadata');
    expect(a.url).toBe('https://gazette.example/2026/02/bridge-reopens');
    expect(a.dateline).toBe('Linden Falls');
    expect(a.text).toContain('Cracks found in spring');
    expect(a.text).toContain('A weight limit of 18 tonnes');
    expect(a.text).not.toMatch(/cookies|Accept|trackPageView|All rights reserved|Share|Photo by|Council approves budget/);
  });

  it('the outlet from the URL host through the registry', () => {
    expect(clean({ format: 'jsonl', text: 'Some reporting here that is long enough to be a body.', url: 'https://www.reuters.com/world/x' }).outlet).toBe('Reuters');
  });

  it('an unreadable date is a warning, not a failure', () => {
    const { articles, diagnostics } = cleanArticles([{ id: 'd', source: 'd.jsonl:1', format: 'jsonl', text: 'Body text of the article.', published: 'next Tuesday-ish' }], { registry });
    expect(articles[0].published).toBeNull();
    expect(diagnostics).toEqual([{ source: 'd.jsonl:1', reason: 'publication date not understood: "next Tuesday-ish"', severity: 'warning' }]);
  });
});

describe('dates and language', () => {
  it('parses the forms inputs give', () => {
    expect(parseGivenDate('2016-06-09')).toBe('2016-06-09');
    expect(parseGivenDate('Thu, 09 Jun 2016 22:10:00 GMT')).toBe('2016-06-09');
    expect(parseGivenDate('2016-06-09T23:30:00-02:00')).toBe('2016-06-10');
    expect(parseGivenDate('June 9, 2016')).toBe('2016-06-09');
    expect(parseGivenDate('2016-02-31')).toBeNull();
    expect(parseGivenDate('soon')).toBeNull();
  });
  it('detects the language of the body', () => {
    expect(detectLanguage('Le gouvernement a annoncé mardi une nouvelle série de mesures pour soutenir les agriculteurs touchés par la sécheresse dans le sud du pays.')).toBe('fr');
    expect(detectLanguage('Die Regierung hat am Dienstag neue Maßnahmen angekündigt, um die von der Dürre betroffenen Landwirte im Süden des Landes zu unterstützen.')).toBe('de');
    expect(detectLanguage('أعلنت الحكومة يوم الثلاثاء عن سلسلة جديدة من الإجراءات لدعم المزارعين المتضررين من الجفاف في جنوب البلاد')).toBe('ar');
    expect(detectLanguage('Too short.')).toBeNull();
  });
});

describe('fixes found in review', () => {
  it('a date-time without a zone keeps its day whatever the machine time zone', () => {
    expect(parseGivenDate('2026-03-11T00:30:00')).toBe('2026-03-11');
    expect(parseGivenDate('Wed, 11 Mar 2026 00:30:00')).toBe('2026-03-11');
  });
  it('a declared three-letter language tag is not cut to a wrong two-letter one', async () => {
    const { languageFromTag } = await import('../../src/clean/language.js');
    expect(languageFromTag('fil')).toBe('fil');
    expect(languageFromTag('en-GB')).toBe('en');
    expect(languageFromTag('arb')).toBe('ar');
  });
  it("a user's registry entry replaces the built-in one whole", () => {
    const r = OutletRegistry.load();
    r.add({ name: 'Press TV', aliases: [], hosts: [], kind: 'wire agency' });
    expect(r.lookup('Press TV')?.kind).toBe('wire agency');
    expect(r.lookupUrl('https://www.presstv.ir/x')).toBeUndefined();
  });
});

describe('page stamps glued to the start of a line', () => {
  const clean = (text: string) => cleanArticles([{ id: 'x', source: 'x.jsonl', format: 'jsonl', text, published: '2026-03-12' }]).articles[0];

  it('cuts a site’s "last updated" stamp and a wire’s "PLACE | date time zone" stamp, keeping what follows', () => {
    const a = clean('Page last updated at 07:12 GMT, Thursday, 12 March 2026 The Alder river burst its banks at Kingsford overnight.\nHundreds of homes were flooded.');
    expect(a.text.split('\n')[0]).toBe('The Alder river burst its banks at Kingsford overnight.');
    expect(a.removed).toContainEqual({ line: 'Page last updated at 07:12 GMT, Thursday, 12 March 2026', reason: 'page timestamp' });
    const b = clean('12 March 2026 Last updated at 09:40 GMT Help Rescue teams worked through the night in Kingsford.\nThe council opened three shelters.');
    expect(b.text.split('\n')[0]).toBe('Rescue teams worked through the night in Kingsford.');
  });

  it('reads the dateline left behind a wire stamp, and takes a headline glued before the stamp with it', () => {
    const a = clean('River peaks at record level KINGSFORD | Thu Mar 12, 2026 7:32 pm CET KINGSFORD (Reuters) - The Alder river peaked at 6.4 metres on Thursday.\nThree bridges were closed.');
    expect(a.text.split('\n')[0]).toBe('The Alder river peaked at 6.4 metres on Thursday.');
    expect(a.dateline).toBe('Kingsford');
    expect(a.removed.map((r) => r.reason)).toEqual(expect.arrayContaining(['page timestamp', 'dateline']));
  });

  it('leaves lines that only look alike', () => {
    for (const line of ['Last updated at noon, the gauge showed the river still rising.', 'The council met | on Monday to vote on the defences.']) {
      expect(clean(`${line}\nThree bridges were closed.`).text.split('\n')[0]).toBe(line);
    }
  });
});
