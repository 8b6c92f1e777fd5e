// Headlines glued to the first paragraph (src/clean/title.ts, weights learned by `npm run train:titles`): cut off where
// the headline ends, on lines written for the purpose (fictional) and on the development sets that give titles; a
// paragraph that opens a line is left whole; bylines and stamps found at the start are cut as such, not taken for
// titles.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanArticles, OutletRegistry } from '../../src/clean/index.js';
import { captionEnd, gluedTitle, LEDE_TITLE_LONG_WORDS, ledeTitle, plausibleFoundTitle, shippedTitleModel, titleCaseHead } from '../../src/clean/title.js';
import { loadTitledSets, scoreTitles, titleLines } from '../../src/clean/train-title.js';
import type { Article, RawArticle } from '../../src/model.js';
import { SHARED, T17_TOPICS, t17Raws } from '../shared.js';
import { readFileSync } from 'node:fs';
import { wordCount } from '../../src/clean/normalize.js';

const registry = OutletRegistry.load();
const cleanJsonl = (text: string) => cleanArticles([{ id: 'x', source: 'x.jsonl', format: 'jsonl', text } as RawArticle], { registry }).articles[0];

describe('a headline glued to the first paragraph', () => {
  it('is cut where it ends: sentence case, title case, before a dateline', () => {
    expect(gluedTitle('River peaks at record level The Alder river peaked at 6.4 metres on Thursday, and three bridges in Kingsford were closed.')).toMatchObject({
      title: 'River peaks at record level',
      rest: 'The Alder river peaked at 6.4 metres on Thursday, and three bridges in Kingsford were closed.',
    });
    expect(gluedTitle('Kingsford Council Opens Three Flood Shelters As River Rises Hundreds of families spent the night in school halls after the Alder burst its banks.')?.title).toBe(
      'Kingsford Council Opens Three Flood Shelters As River Rises',
    );
    expect(gluedTitle('Mayor warns of more rain KINGSFORD (Reuters) - The mayor of Kingsford warned on Friday that more rain would fall on the flooded town.')?.title).toBe('Mayor warns of more rain');
  });

  it('is not found in a line that opens with its paragraph', () => {
    expect(gluedTitle('The Alder river peaked at 6.4 metres on Thursday, and three bridges in Kingsford were closed by the council.')).toBeNull();
    expect(gluedTitle('Residents of Kingsford spent a second night in shelters as the Alder river kept rising, officials said on Friday.')).toBeNull();
  });

  it('becomes the article\'s title, listed among the removals, and the paragraph stays', () => {
    const a = cleanJsonl('River peaks at record level The Alder river peaked at 6.4 metres on Thursday, and three bridges in Kingsford were closed.\nThe council opened three shelters for the night.');
    expect(a.title).toBe('River peaks at record level');
    expect(a.text.split('\n')[0]).toBe('The Alder river peaked at 6.4 metres on Thursday, and three bridges in Kingsford were closed.');
    expect(a.removed).toContainEqual({ line: 'River peaks at record level', reason: 'title (glued to the first paragraph)' });
  });

  it('is not a byline or a page stamp at the start of the line: those are cut as what they are (the lede then names the report)', () => {
    const a = cleanJsonl('By Jane Marlow, Science Editor KINGSFORD (Reuters) - The Alder river peaked at 6.4 metres on Thursday, officials said.\nThree bridges were closed.');
    expect(a).toMatchObject({ title: 'The Alder river peaked at 6.4 metres on Thursday, officials said', titleFrom: 'lede', authors: ['Jane Marlow'] });
    expect(a.text.split('\n')[0]).toBe('The Alder river peaked at 6.4 metres on Thursday, officials said.');
    expect(a.removed.map((r) => r.reason)).toEqual(['byline', 'dateline']);
    const b = cleanJsonl('Mon 9 Mar 2026 14.05 GMT The Alder river peaked at 6.4 metres on Thursday, officials said.\nThree bridges were closed.');
    expect(b.titleFrom).toBe('lede');
    expect(b.removed.map((r) => r.reason)).toEqual(['page timestamp']);
  });

  it('is cut right on the development sets that give titles (the shipped model, learned on them; held-out figures in data/title-model.json)', () => {
    const model = shippedTitleModel();
    for (const set of loadTitledSets(path.resolve(SHARED))) {
      const s = scoreTitles(model, titleLines(set.pairs));
      expect(s.exact, set.name).toBeGreaterThan(0.6);
      expect(s.falseTitles, set.name).toBeLessThan(0.12);
    }
    // Held out, each set scored by a model learned on the other two (train-title.ts): what to expect on other news.
    const held = (model.trainedOn as { heldOut: Record<string, { exact: number }> }).heldOut;
    for (const name of ['gva', 'polnear', 'conll']) expect(held[name].exact, name).toBeGreaterThan(0.4);
  });
});

describe('titles given with the site\'s name, and outlets from the URL', () => {
  const clean = (raw: Partial<RawArticle>) => cleanArticles([{ id: 'x', source: 'x.jsonl', format: 'jsonl', text: 'The Alder river peaked at 6.4 metres on Thursday, officials said.\nThree bridges were closed.', ...raw } as RawArticle], { registry }).articles[0];

  it('cuts the site\'s name and slogan from a page title, and keeps a headline\'s own dash', () => {
    expect(clean({ title: 'River Peaks At Record Level - KFLD.com | Continuous News and Weather', url: 'http://www.kfld.com/story/1' }).title).toBe('River Peaks At Record Level');
    expect(clean({ title: 'River peaks at record level - Kingsford Evening Gazette', url: 'http://www.kingsford-gazette.co.uk/1' }).title).toBe('River peaks at record level');
    expect(clean({ title: 'Flood defences - the questions left', url: 'http://example.org/1' }).title).toBe('Flood defences - the questions left');
  });

  it('names the outlet by the page\'s web host when the registry does not know it, an archived page by its own host', () => {
    expect(clean({ url: 'https://web.archive.org/web/20160206081536/http://www.kfld.com/story/1' }).outlet).toBe('kfld.com');
    expect(clean({ url: 'http://web.archive.org/web/20150911223615id_/www.kingsford-gazette.co.uk/news/2' }).outlet).toBe('kingsford-gazette.co.uk');
    expect(clean({ url: 'https://web.archive.org/web/20160101000000/https://www.reuters.com/article/x' }).outlet).toBe('Reuters');
  });
});

describe('outlets read from what the page says', () => {
  const clean = (text: string) => cleanArticles([{ id: 'x', source: 'x.jsonl', format: 'jsonl', text } as RawArticle], { registry }).articles[0];

  it('reads a dateline filed from two places', () => {
    const a = clean('KINGSFORD/GENEVA (Reuters) - The Alder river peaked at 6.4 metres on Thursday, officials said.\nThree bridges were closed.');
    expect(a).toMatchObject({ dateline: 'Kingsford', outlet: 'Reuters' });
    expect(a.text.split('\n')[0]).toBe('The Alder river peaked at 6.4 metres on Thursday, officials said.');
  });

  it('credits the agency of a dateline further into the first line (after summary bullets), and takes no title across it', () => {
    const a = clean('* Council opens three shelters * Bridges closed KINGSFORD, March 12 (Reuters) - The Alder river peaked at 6.4 metres on Thursday, officials said.\nThree bridges were closed.');
    expect(a.outlet).toBe('Reuters');
    // The wire's first summary point names the report; the points stay in the text.
    expect(a).toMatchObject({ title: 'Council opens three shelters', titleFrom: 'text' });
    const b = clean('KINGSFORD (Reuters) - Using a new gauge, engineers said on Thursday that the Alder river would peak overnight.\nThree bridges were closed.');
    // No headline cut across the dateline ("KINGSFORD (Reuters) - Using a new gauge"): the lede names the report.
    expect(b).toMatchObject({ title: 'Using a new gauge, engineers said on Thursday that the Alder river would peak overnight', titleFrom: 'lede' });
    expect(b.dateline).toBe('Kingsford');
  });

  it('names the outlet by how its own pages write of it, when nothing else names one', () => {
    const a = clean('The Alder river peaked at 6.4 metres on Thursday, officials said.\nThe BBC\'s Jane Marlow watched the water rise in Kingsford.\nThe BBC may edit your comments and not all emails will be published.');
    expect(a.outlet).toBe('BBC');
    expect(a.credits).toContainEqual({ name: 'BBC', via: 'self-reference' });
    // Another outlet's name in the text, once, is not taken for the page's own.
    expect(clean('The Alder river peaked at 6.4 metres on Thursday, officials said.\nThe mayor was quoted by the Guardian on Friday.').outlet).toBeNull();
  });

  it('from its staff introduced by their post, its newsroom at work, its help pages, and the page speaking in the first person', () => {
    const body = 'The Alder river peaked at 6.4 metres on Thursday, officials said.\n';
    expect(clean(`${body}I'm Jane Marlow, the BBC's science correspondent.`).outlet).toBe('BBC');
    expect(clean(`${body}Peter Horrocks, BBC World Service Director, said the service would broadcast daily.`).outlet).toBe('BBC');
    expect(clean(`${body}BBC News looks back over the events of the week.`).outlet).toBe('BBC');
    expect(clean(`${body}Writing on the BBC's TV blog, the presenter said the flood was the worst she had seen.`).outlet).toBe('BBC');
    expect(clean(`${body}In order to see this content you need to have both Javascript enabled and Flash installed. Visit BBC Webwise for full instructions.`).outlet).toBe('BBC');
    // A name another outlet could write too counts less than the page speaking of itself.
    const guardian = clean(`When Jane Marlow, a BBC radio presenter, came home from Kingsford, friends avoided her.\nShare your thoughts on our GuardianUS Twitter page.`);
    expect(guardian.outlet).toBe('Guardian');
  });

  it("from its page template's stamps (the BBC's \"Last updated at … GMT\" and its blogs' footer)", () => {
    const clean17 = (text: string) => clean(text).outlet;
    expect(clean17('12 March 2026 Last updated at 09:40 GMT Help Rescue teams worked through the night in Kingsford.\nThe council opened three shelters.')).toBe('BBC');
    expect(clean17('Page last updated at 14:47 GMT, Thursday, 12 March 2026 Rescue teams worked through the night in Kingsford.\nThe council opened three shelters.')).toBe('BBC');
    expect(clean17('Jane Marlow | 18:17 UK time, Thursday, 12 March 2026 Rescue teams worked through the night.\nThe council opened three shelters.')).toBe('BBC');
    expect(clean17('Rescue teams worked through the night in Kingsford.\nYou can stay up to date with Jane Marlow\'s Flood Diary via these feeds.\nThese are some of the popular topics this blog covers.')).toBe('BBC');
    // Another site's stamp names no outlet.
    expect(clean17('Last updated: 7:42PM GMT 12 Mar 2026 Rescue teams worked through the night in Kingsford.\nThe council opened three shelters.')).toBeNull();
  });

  it('from its own news: a page whose first sentence has an outlet acting, naming it again and again and no other', () => {
    const own = clean('The BBC has started broadcasting a daily flood bulletin for Kingsford.\nThe BBC bulletin runs for twenty minutes.\nIt is the first time the BBC has broadcast from the town.');
    expect(own.credits).toContainEqual({ name: 'BBC', via: 'self-reference' });
    // Named once, or beside another outlet: not its own page.
    expect(clean('The BBC has started broadcasting a daily flood bulletin for Kingsford.\nResidents welcomed it.').outlet).toBeNull();
    expect(clean('The BBC has started broadcasting a flood bulletin, the Guardian reported.\nThe BBC bulletin runs daily.\nThe BBC staff are in the town.').outlet).not.toBe('BBC');
  });
});

describe('where a title comes from', () => {
  const clean = (raw: Partial<RawArticle>) => cleanArticles([{ id: 'x', source: 'x.jsonl', format: 'jsonl', text: 'The Alder river peaked at 6.4 metres on Thursday, officials said.\nThree bridges were closed.', ...raw } as RawArticle], { registry }).articles[0];

  it('is given, from the page\'s metadata, a line of the text, or the lede; and says which', () => {
    expect(clean({ title: 'River Peaks At Record Level - KFLD.com | Continuous News and Weather', url: 'http://www.kfld.com/story/1' })).toMatchObject({ title: 'River Peaks At Record Level', titleFrom: 'given' });
    const html = readFileSync(new URL('../fixtures/page-with-chrome.html', import.meta.url), 'utf8');
    expect(clean({ format: 'html', text: undefined, html })).toMatchObject({ title: 'Bridge reopens after repairs', titleFrom: 'metadata' });
    expect(clean({ text: 'Kingsford bridges closed as river rises\nThe Alder river peaked at 6.4 metres on Thursday, officials said.' })).toMatchObject({ title: 'Kingsford bridges closed as river rises', titleFrom: 'text' });
    expect(clean({})).toMatchObject({ title: 'The Alder river peaked at 6.4 metres on Thursday, officials said', titleFrom: 'lede' });
    expect(clean({ text: '"We have never seen the water this high," said the mayor of Kingsford.\nThree bridges were closed.' })).toMatchObject({ title: null, titleFrom: null });
  });

  it('is the headline above a newspaper\'s dated stamp; the standfirst or summary points stay as paragraphs, the stamp goes', () => {
    const glued = clean({
      text: 'Kingsford shelters close as flood waters fall Families can return home from Monday after engineers check the bridges, council says Saturday 14 March 2026 18.17 GMT The Alder fell below its banks on Saturday.\nThree bridges stay closed.',
    });
    expect(glued.title).toBe('Kingsford shelters close as flood waters fall');
    expect(glued.text.split('\n').slice(0, 2)).toEqual([
      'Families can return home from Monday after engineers check the bridges, council says',
      'The Alder fell below its banks on Saturday.',
    ]);
    expect(glued.removed).toContainEqual({ line: 'Saturday 14 March 2026 18.17 GMT', reason: 'page timestamp' });
    // Summary points, their bullet written out as "cents" by an ASCII transliteration of the page.
    const points = clean({ text: 'cents Families can go home from Monday cents Three bridges stay shut Saturday 14 March 2026 18.17 GMT The Alder fell below its banks on Saturday.' });
    expect(points.title).toBe('Families can go home from Monday');
    expect(points.text.split('\n')).toEqual(['Families can go home from Monday', 'Three bridges stay shut', 'The Alder fell below its banks on Saturday.']);
  });

  it('is the lede after a photo caption glued before it; the caption is cut from the text as a caption', () => {
    const text = 'Tom Hale said the water rose within minutes Kingsford farmer Tom Hale has lost his whole herd to the flood.\nThree bridges stay closed.';
    const a = clean({ title: 'Farmer loses herd to flood', text });
    expect(a.removed).toContainEqual({ line: 'Tom Hale said the water rose within minutes', reason: 'photo caption (glued to the lede)' });
    expect(a.text.split('\n')[0]).toBe('Kingsford farmer Tom Hale has lost his whole herd to the flood.');
    // Without a title, a caption this short may be read as the page's headline glued to the lede (the glued-title model);
    // either way the lede stands alone in the text.
    expect(clean({ text }).text.split('\n')[0]).toBe('Kingsford farmer Tom Hale has lost his whole herd to the flood.');
  });

  it('is not a wire\'s note to its subscribers, which goes; the dateline after it is read', () => {
    const a = clean({ text: '(Repeats to more subscribers without changes in text) KINGSFORD, March 14 (Reuters) - The Alder river fell below its banks on Saturday, officials said.\nThree bridges stay closed.' });
    expect(a.removed).toContainEqual({ line: '(Repeats to more subscribers without changes in text)', reason: 'wire service note' });
    expect(a.agencies).toContain('Reuters');
    expect(a.title).toBe('The Alder river fell below its banks on Saturday, officials said');
  });

  it('keeps the lede in the text when it names the report', () => {
    const a = clean({});
    expect(a.text.split('\n')[0]).toBe('The Alder river peaked at 6.4 metres on Thursday, officials said.');
    expect(a.removed).toEqual([]);
  });
});

describe('a title made from the lede (ledeTitle)', () => {
  it('is a short first sentence, without its full stop', () => {
    expect(ledeTitle('Three bridges were closed in Kingsford after the Alder burst its banks.\nThe council opened shelters.')).toBe('Three bridges were closed in Kingsford after the Alder burst its banks');
    expect(ledeTitle('Where will the water go next?\nHydrologists are divided.')).toBe('Where will the water go next?');
  });

  it('loses a name set off by commas after the noun it names, not an item of a list', () => {
    expect(ledeTitle('The head of the Kingsford Flood Defence Board, Mara Oduya, yesterday suggested that the northern embankment would be raised by a metre.')).toBe(
      'The head of the Kingsford Flood Defence Board yesterday suggested that the northern embankment would be raised by a metre',
    );
  });

  it('loses a leading dateline, an attribution, a parenthesis, a trailing time or clause — never the main clause', () => {
    expect(ledeTitle('KINGSFORD (Reuters) - The Alder river has burst its banks in three places, flooding more than 400 homes, the regional water authority said on Thursday.')).toBe(
      'The Alder river has burst its banks in three places, flooding more than 400 homes',
    );
    expect(ledeTitle('The Kingsford Flood Defence Board (KFDB), which met for six hours, voted to raise the northern embankment by a metre before the winter rains.')).toBe(
      'The Kingsford Flood Defence Board voted to raise the northern embankment by a metre',
    );
    expect(ledeTitle('Mara Oduya, the mayor of Kingsford since 2019 and a former engineer, has ordered the evacuation of the riverside district.')).toBe(
      'Mara Oduya has ordered the evacuation of the riverside district',
    );
    expect(ledeTitle('Engineers reopened the Kingsford rail bridge to freight traffic on the morning of March 14 after three days of inspection.')).toBe(
      'Engineers reopened the Kingsford rail bridge to freight traffic',
    );
  });

  it('is cut towards 16 words at a clause boundary, else the whole sentence up to 25 words, else none', () => {
    expect(ledeTitle('Volunteers moved the residents of the low-lying districts of Kingsford to the sports hall on Friday, the council said, as the river kept rising.')).toBe(
      'Volunteers moved the residents of the low-lying districts of Kingsford to the sports hall on Friday',
    );
    // No clause boundary to end on within 20 words: the sentence whole, as it is under 25 words.
    const whole = 'Residents of the low-lying districts of Kingsford who had refused to leave their homes were being moved to the sports hall by volunteers.';
    expect(ledeTitle(whole)).toBe(whole.replace(/\.$/, ''));
    const tooLong = 'Residents of the low-lying districts of Kingsford who had refused to leave their homes on the eastern bank of the swollen river Alder were being moved to the municipal sports hall by volunteers.';
    const t = ledeTitle(tooLong);
    expect(t === null || wordCount(t) <= LEDE_TITLE_LONG_WORDS).toBe(true);
    expect(ledeTitle('The decision of the board of the authority of the river basin of the Alder to raise the levels of the northern embankments of the town')).toBeNull();
  });

  it('ends a sentence before a clause with its own subject on a noun, and before a purpose on a noun; not inside a list', () => {
    expect(ledeTitle('A Kingsford engineer who helped rebuild two bridges warned on Monday of a possible collapse of the old dam that the town and its three villages would be ill-prepared to survive.')).toBe(
      'A Kingsford engineer who helped rebuild two bridges warned on Monday of a possible collapse of the old dam',
    );
    expect(ledeTitle('Engineers of the Alder River Authority have been collecting samples of the water in the reservoirs to test it for pollution after the flood.')).toBe(
      'Engineers of the Alder River Authority have been collecting samples of the water in the reservoirs',
    );
    const listed = ledeTitle('The flood that swamped Kingsford last week has brought local radio stations, newspapers and council leaflets out in a rash of advice on how to boil water safely.');
    expect(listed).toBe('The flood that swamped Kingsford last week has brought local radio stations, newspapers and council leaflets out');
  });

  it('is the lede after a photo caption glued before it, never the two read as one sentence', () => {
    // The lede names again whom the caption names, or doubles its last word.
    const named = 'Tom Hale said the water rose within minutes Kingsford farmer Tom Hale has lost his whole herd to the flood that swept the Alder valley on Tuesday night.';
    expect(captionEnd(named)).toBe(named.indexOf('Kingsford farmer'));
    expect(ledeTitle(named)).toMatch(/^Kingsford farmer Tom Hale has lost his whole herd/);
    const doubled = 'Ann Price looks at the damage to the shops in Kingsford Kingsford has begun a week-long clean-up of its flooded streets in a bid to reopen the market.';
    expect(ledeTitle(doubled)).toMatch(/^Kingsford has begun a week-long clean-up of its flooded streets/);
    // A sentence with a name after a verb is no caption.
    expect(captionEnd('A Kingsford engineer who helped rebuild Alder Bridge warned on Monday that the old dam could give way within days.')).toBe(-1);
    expect(captionEnd('When the mayor of the flooded town Tom Hale spoke on Monday, he asked the government for help.')).toBe(-1);
  });

  it('is a headline in title case glued before the lede, where title case shows in capitalised common and small words', () => {
    expect(titleCaseHead('Scrambling to Clean Up After A Category 4 Flood Kingsford Mayor Ann Price says the town has only just begun to count the cost.')).toBe(
      'Scrambling to Clean Up After A Category 4 Flood',
    );
    expect(titleCaseHead("Flood Defences Could Fail Again, Engineers Say Kingsford's Flood Director Tom Hale testifies before the council.")).toBe(
      'Flood Defences Could Fail Again, Engineers Say',
    );
    // Names made of common words are no title case.
    expect(titleCaseHead('The Alder River Authority Flood Defence Committee on Monday voted to raise the embankments.')).toBeNull();
    expect(titleCaseHead('The International Monetary Fund Managing Director Ann Price said the loan would be paid.')).toBeNull();
  });

  it('is never a quotation, a transcript\'s speaker line, a byline, a stamp or chrome', () => {
    expect(ledeTitle('"The water came up faster than anyone expected," said the mayor.')).toBeNull();
    expect(ledeTitle('The mayor said: "We will rebuild every bridge in this town."')).toBeNull();
    expect(ledeTitle('JANE MARLOW, HOST: Good evening and welcome to the programme.')).toBeNull();
    expect(ledeTitle('By Jane Marlow | March 12, 2026 | Kingsford flood special')).toBeNull();
    expect(ledeTitle('Last updated at 14:59 GMT on the flooding in Kingsford today.')).toBeNull();
    expect(ledeTitle('Please click the button below to install the player.')).toBeNull();
  });
});

describe('a line found in the text is taken for a title only when it is plausible (plausibleFoundTitle)', () => {
  it.each([
    'River peaks at record level',
    'Kingsford Council Opens Three Flood Shelters As River Rises',
    "Flood defences: what went wrong in Kingsford?",
    "` Very bad ' conditions in the shelters",
  ])('takes "%s"', (line) => expect(plausibleFoundTitle(line)).toBe(true));
  it.each([
    'River peaks', // too short to name a report
    'KINGSFORD (Reuters) - The river', // a dateline
    'KINGSFORD -- Officials', // a dateline
    'By Jane Marlow, Science Editor', // a byline
    'March 12, 2026 | By Jane Marlow, KFLD', // a byline with its date
    'Mon 9 Mar 2026 14.05 GMT', // a stamp
    'Last updated at 14:59 GMT Help', // a stamp
    'Home | News | Weather | Sport', // a menu
    'For the latest flood news: www.kfld.com', // chrome
    '(an error occurred while processing this directive)', // chrome
    'Mayor Oduya spoke with the KFLD reporter about the', // cut off inside a sentence
    'River authority chief Dr Mara Oduya:', // cut off before its quotation
    'Engineers say the bridge at Kingsford will reopen by', // cut off
    'spokesman says the levels are falling now', // the middle of something
  ])('refuses "%s"', (line) => expect(plausibleFoundTitle(line)).toBe(false));

  it('so a wrong line is not made the title', () => {
    const a = cleanJsonl('For the latest flood news: www.kfld.com\nThe Alder river peaked at 6.4 metres on Thursday, officials said.');
    expect(a.title ?? '').not.toMatch(/kfld/);
  });
});

describe('bylines name the authors', () => {
  const authorsOf = (text: string) => cleanJsonl(text);
  it.each<[string, string[], string | null]>([
    ['By Jane Marlow\nThe Alder river peaked at 6.4 metres on Thursday, officials said.', ['Jane Marlow'], null],
    ['By: Jane Marlow\nThe Alder river peaked at 6.4 metres on Thursday, officials said.', ['Jane Marlow'], null],
    ['By Jonathan Marcus BBC Diplomatic Correspondent\nThe Alder river peaked at 6.4 metres on Thursday, officials said.', ['Jonathan Marcus'], 'BBC'],
    ['By David Willis BBC News, Los Angeles Engineers said the Alder river peaked at 6.4 metres on Thursday.\nThree bridges were closed.', ['David Willis'], 'BBC'],
    ['January 25, 2011 | By Amir Ahmed, CNN Engineers said the Alder river peaked at 6.4 metres on Thursday.\nThree bridges were closed.', ['Amir Ahmed'], 'CNN'],
    ['By the CNN Wire Staff Engineers said the Alder river peaked at 6.4 metres on Thursday.\nThree bridges were closed.', [], 'CNN'],
    ['By Tim Lister and Emily Smith, Special to CNN\nThe Alder river peaked at 6.4 metres on Thursday, officials said.', ['Tim Lister', 'Emily Smith'], 'CNN'],
    ['The Alder river peaked at 6.4 metres on Thursday, officials said.\nThree bridges were closed.', [], null],
  ])('%s', (text, authors, outlet) => {
    const a = authorsOf(text);
    expect(a.authors).toEqual(authors);
    if (outlet) expect(a.credits).toContainEqual({ name: outlet, via: 'byline' });
    // The byline is cut from the text as a byline; the report's first words are its own.
    expect(a.text).not.toMatch(/^(?:January 25, 2011 \| )?By\b/);
    if (text.startsWith('By') || text.startsWith('January')) expect(a.removed.map((r) => r.reason)).toContain('byline');
  });
});

// The T17 development topics (real scraped pages, no title field): how many reports a reader sees by a title, and
// whether a report that says who it comes from at its top gets that outlet. Reading and cleaning them takes seconds.
describe('T17 reports: titles and outlets', () => {
  const top = new Map<string, string>();
  const articles = T17_TOPICS.flatMap((topic) => {
    const raws = t17Raws(topic);
    for (const r of raws) top.set(`${topic}/${r.id}`, r.text!.slice(0, 300));
    return cleanArticles(raws, { registry }).articles.map((a) => ({ ...a, key: `${topic}/${a.id}` }));
  });
  const credited = (a: Article, name: string) => a.outlet === name || a.agencies.includes(name) || a.credits.some((c) => c.name === name);

  it('titles most reports, each saying where its title came from; every title short enough to scan or found as a line', () => {
    const titled = articles.filter((a) => a.title);
    // Issue 18 asks 95%: 95.1% (39% before issue 18). The rest open on ledes of over 25 words with no clause to end on,
    // transcripts, letters, and pages in Vietnamese.
    expect(titled.length / articles.length).toBeGreaterThanOrEqual(0.95);
    for (const a of articles) {
      expect(a.titleFrom === null, a.key).toBe(a.title === null);
      expect(['text', 'lede', null]).toContain(a.titleFrom); // T17 gives no title field and no HTML
      if (a.titleFrom === 'lede') expect(wordCount(a.title!), a.title!).toBeLessThanOrEqual(LEDE_TITLE_LONG_WORDS);
      if (a.titleFrom === 'text') expect(plausibleFoundTitle(a.title!), a.title!).toBe(true);
      expect(Array.isArray(a.authors)).toBe(true);
    }
    // No title is a stamp, a byline or a dateline.
    for (const a of titled) expect(a.title, a.key).not.toMatch(/\bLast updated\b|\d{1,2}:\d\d|\bGMT\b|^By\s|\(Reuters\)/);
  });

  it('reads Reuters in every report that says "(Reuters)" near its top', () => {
    const reuters = articles.filter((a) => /\(Reuters\)/.test(top.get(a.key)!));
    expect(reuters.length).toBeGreaterThan(100);
    expect(reuters.filter((a) => !credited(a, 'Reuters')).map((a) => a.key)).toEqual([]);
  });

  it('reads the BBC in every report naming it near its top that is the BBC\'s own page', () => {
    const bbc = articles.filter((a) => /\bBBC\b/.test(top.get(a.key)!));
    expect(bbc.length).toBeGreaterThan(50);
    // Three pages name a BBC presenter in their first line but speak of themselves as the Guardian ("our GuardianUS
    // Twitter page"): they are the Guardian's, and read so.
    const missed = bbc.filter((a) => !credited(a, 'BBC'));
    expect(missed.length).toBeLessThanOrEqual(3);
    for (const a of missed) expect(a.credits, a.key).toContainEqual({ name: 'Guardian', via: 'self-reference' });
  });
});
