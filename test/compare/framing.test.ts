// Framing contrasts: the words each outlet chooses for one referent, counted per outlet (data/framing.json), and the
// pairs learned by aligning sentences of different outlets that report one fact. Hand-written articles check the rules;
// the real seeds check what four reports of one meeting (AFP, Press TV, SANA and a spun copy) give.
import { describe, expect, it } from 'vitest';
import { FRAMING_REFERENTS, framingContrasts, learnSubstitutions } from '../../src/compare/framing.js';
import type { Article, Fact, FramingContrast } from '../../src/model.js';
import { readAndClean } from '../../src/pipeline/index.js';
import { SentenceSpace, splitSentences } from '../../src/text/index.js';
import { SEEDS } from '../shared.js';

function article(id: string, outlet: string | null, text: string): Article {
  return {
    id,
    source: `${id}.txt`,
    url: null,
    title: null,
    outlet,
    agencies: [],
    credits: [],
    dateline: null,
    published: null,
    publishedFrom: null,
    language: 'en',
    text,
    removed: [],
  };
}

const outletsOf = (articles: Article[]) => {
  const byId = new Map(articles.map((a) => [a.id, a.outlet ?? `unidentified (${a.id})`]));
  return (id: string) => byId.get(id)!;
};

const contrast = (all: FramingContrast[], referent: string) => all.find((c) => c.referent === referent);
const side = (c: FramingContrast | undefined, label: string) => c?.sides.find((s) => s.label.startsWith(label));
const term = (c: FramingContrast | undefined, t: string) => c?.sides.flatMap((s) => s.terms).find((x) => x.term === t);

const ARMED = 'armed groups fighting a government';
const GOVERNMENT = 'a government';

describe('framing.json', () => {
  it('covers the referents the compare stage is asked about, each with two sides or more', () => {
    const names = FRAMING_REFERENTS.map((r) => r.referent);
    for (const r of [ARMED, GOVERNMENT, 'taking control of a place', 'people killed in a conflict', 'people protesting', 'land held in a territorial dispute', 'a military operation in another country', 'migrants']) {
      expect(names).toContain(r);
    }
    for (const r of FRAMING_REFERENTS) {
      expect(r.sides.length).toBeGreaterThanOrEqual(2);
      for (const s of r.sides) for (const t of s.terms) expect(t).toBe(t.toLowerCase());
    }
    // "militant" is the style guides' descriptive word: on the rebels' side, with a note saying why.
    const armed = FRAMING_REFERENTS.find((r) => r.referent === ARMED)!;
    expect(armed.sides.find((s) => s.terms.includes('militant'))!.terms).toContain('rebel');
    expect(armed.note).toMatch(/militant/i);
  });
});

describe('counting framing terms', () => {
  const wire = article('w1', 'Wire', 'Government troops pushed the rebels out of the town on Monday. The rebels retreated north with other insurgents.');
  const state = article(
    's1',
    'State TV',
    'The army liberated the town from terrorists on Monday. Terrorist groups fled north.\nArmed terrorist groups had held the town since 2014, the regime said.',
  );
  const all = framingContrasts([wire, state], outletsOf([wire, state]), []);

  it('counts each side per outlet', () => {
    const armed = contrast(all, ARMED)!;
    expect(armed.source).toBe('data');
    expect(side(armed, 'as terrorists')!.counts).toEqual({ 'State TV': 3 });
    expect(side(armed, 'as rebels')!.counts).toEqual({ Wire: 3 });
    expect(term(armed, 'rebel')!.counts).toEqual({ Wire: 2 });
    expect(term(armed, 'insurgent')!.counts).toEqual({ Wire: 1 });
    const gov = contrast(all, GOVERNMENT)!;
    expect(side(gov, 'as a regime')!.counts).toEqual({ 'State TV': 1 });
    expect(side(gov, 'as a government')!.counts).toEqual({ Wire: 1 });
  });

  it('lets the longer phrase win over a shorter one inside it', () => {
    const armed = contrast(all, ARMED)!;
    expect(term(armed, 'terrorist')!.counts).toEqual({ 'State TV': 1 }); // "terrorists", not the two group phrases
    expect(term(armed, 'terrorist group')!.counts).toEqual({ 'State TV': 1 });
    expect(term(armed, 'armed terrorist group')!.counts).toEqual({ 'State TV': 1 });
    expect(term(armed, 'armed group')).toBeUndefined();
  });

  it('counts plurals, possessives and words inside hyphenated compounds, case-insensitively', () => {
    const a = article('p1', 'Paper', "The terrorist's family spoke. TERRORISTS' weapons were found in a rebel-held village.\nThe regime’s forces and the pro-government militia advanced.");
    const c = framingContrasts([a], outletsOf([a]), []);
    expect(term(contrast(c, ARMED), 'terrorist')!.counts).toEqual({ Paper: 2 });
    expect(term(contrast(c, ARMED), 'rebel')!.counts).toEqual({ Paper: 1 });
    expect(term(contrast(c, GOVERNMENT), 'regime')!.counts).toEqual({ Paper: 1 });
    expect(term(contrast(c, GOVERNMENT), 'government')!.counts).toEqual({ Paper: 1 });
  });

  it('matches whole words only, counts a plural-written term only in the plural, and skips excepted phrases', () => {
    const a = article(
      'x1',
      'Paper',
      'The Palestinian Authority met the Israeli authorities. Riot police faced the protesters. The sanctions regime was eased. Terrorism and counterterrorists are not terrorist labels here.',
    );
    const c = framingContrasts([a], outletsOf([a]), []);
    expect(term(contrast(c, GOVERNMENT), 'authorities')!.counts).toEqual({ Paper: 1 });
    expect(term(contrast(c, GOVERNMENT), 'regime')).toBeUndefined();
    expect(side(contrast(c, 'people protesting'), 'as rioters')!.terms).toEqual([]);
    expect(term(contrast(c, 'people protesting'), 'protester')!.counts).toEqual({ Paper: 1 });
    expect(term(contrast(c, ARMED), 'terrorist')!.counts).toEqual({ Paper: 1 }); // "terrorist labels"
  });

  it('leaves out words inside quotation marks unless asked to count them', () => {
    const a = article('q1', 'Wire', '“The terrorists will be defeated,” the minister said of the rebels. He called them "so-called moderate rebels".');
    const own = framingContrasts([a], outletsOf([a]), []);
    expect(side(contrast(own, ARMED), 'as terrorists')!.counts).toEqual({});
    expect(side(contrast(own, ARMED), 'as rebels')!.counts).toEqual({ Wire: 1 });
    const quoted = framingContrasts([a], outletsOf([a]), [], { includeQuotes: true });
    expect(side(contrast(quoted, ARMED), 'as terrorists')!.counts).toEqual({ Wire: 1 });
    expect(side(contrast(quoted, ARMED), 'as rebels')!.counts).toEqual({ Wire: 2 });
  });

  it('cites up to three sentences a term, each outlet before any outlet’s second', () => {
    const a = article('c1', 'A', 'Rebels attacked. Rebels withdrew. Rebels regrouped. Rebels struck again.');
    const b = article('c2', 'B', 'Calm returned. Then the rebels came back.');
    const c = framingContrasts([a, b], outletsOf([a, b]), []);
    const rebel = term(contrast(c, ARMED), 'rebel')!;
    expect(rebel.counts).toEqual({ A: 4, B: 1 });
    expect(rebel.citations).toEqual([
      { article: 'c1', sentence: 0 },
      { article: 'c2', sentence: 1 },
      { article: 'c1', sentence: 1 },
    ]);
  });

  it('uses the articles’ own sentence offsets when they have them', () => {
    const text = 'One. Two rebels. Three.';
    const a = { ...article('o1', 'A', text), sentences: [{ start: 0, end: 16 }, { start: 17, end: 23 }] }; // two spans
    const c = framingContrasts([a], outletsOf([a]), []);
    expect(term(contrast(c, ARMED), 'rebel')!.citations).toEqual([{ article: 'o1', sentence: 0 }]);
  });

  it('returns only referents in use, two-sided contrasts first, then by uses', () => {
    const a = article('s1', 'A', 'Migrants, migrants and more migrants crossed; refugees and migrants waited. The rebels fought.');
    const b = article('s2', 'B', 'The terrorists fought.');
    const c = framingContrasts([a, b], outletsOf([a, b]), []);
    expect(c.map((x) => x.referent)).toEqual([ARMED, 'migrants']);
    expect(contrast(c, 'migrants')!.sides.filter((s) => s.terms.length)).toHaveLength(1);
    // With one side each, the one with more uses comes first.
    const d = framingContrasts([a], outletsOf([a]), []);
    expect(d.map((x) => x.referent)).toEqual(['migrants', ARMED]);
    expect(framingContrasts([article('e', 'A', 'Nothing to see.')], () => 'A', [])).toEqual([]);
  });
});

describe('learning pairs by aligning sentences of one fact', () => {
  const a = article('l1', 'Wire', 'Government troops shelled positions held by separatists near the airport on Sunday. The separatists did not answer.');
  const b = article('l2', 'State TV', 'Government troops shelled positions held by self-defence forces near the airport on Sunday. The self-defence forces returned fire.');
  const cite = (article: string, sentence = 0) => ({ article, sentence });
  const fact: Fact = { id: 'f1', text: '', citations: [cite('l1'), cite('l2')], outlets: ['Wire', 'State TV'], salience: 1 };

  it('turns a substitution inside identical context into a learned contrast, counted over the event', () => {
    const c = framingContrasts([a, b], outletsOf([a, b]), [fact]);
    const learned = c.filter((x) => x.source === 'learned');
    expect(learned).toHaveLength(1);
    expect(learned[0].referent).toBe('separatists / self-defence forces');
    expect(learned[0].sides.map((s) => [s.label, s.counts])).toEqual([
      ['separatists', { Wire: 2 }],
      ['self-defence forces', { 'State TV': 2 }],
    ]);
    expect(learned[0].sides[0].terms[0].citations).toEqual([cite('l1', 0), cite('l1', 1)]);
    expect(learnSubstitutions([a, b], outletsOf([a, b]), [fact])).toEqual([
      { terms: ['separatists', 'self-defence forces'], outlets: [['Wire'], ['State TV']], facts: ['f1'], citations: fact.citations, known: null },
    ]);
  });

  it('reports but does not repeat a pair that one data referent already holds', () => {
    const x = article('k1', 'Wire', 'Warplanes struck rebel positions near the airport on Sunday. The rebels withdrew.');
    const y = article('k2', 'State TV', 'Warplanes struck terrorist positions near the airport on Sunday. The terrorists withdrew.');
    const f: Fact = { id: 'f2', text: '', citations: [cite('k1'), cite('k2')], outlets: [], salience: 1 };
    const subs = learnSubstitutions([x, y], outletsOf([x, y]), [f]);
    expect(subs).toEqual([{ terms: ['rebel', 'terrorist'], outlets: [['Wire'], ['State TV']], facts: ['f2'], citations: f.citations, known: ARMED }]);
    expect(framingContrasts([x, y], outletsOf([x, y]), [f]).filter((c) => c.source === 'learned')).toEqual([]);
  });

  it('keeps to real word choices: no names, spellings, inflections, numbers, stop words or thin context', () => {
    const pairs: Array<[string, string]> = [
      ['Defense Minister Sergei Shoigu met his Iranian counterpart in Tehran on Thursday.', 'Defense Minister Sergei Shoygu met his Iranian counterpart in Tehran on Thursday.'],
      ['Russia stepped up its air strikes against the town on Thursday.', 'Russia stepped up its airstrikes against the town on Thursday.'],
      ['The attack killed 12 people in the market on Thursday.', 'The attack killed 15 people in the market on Thursday.'],
      ['The ministers met Vladimir Putin in the Kremlin on Thursday.', 'The ministers met Sergei Lavrov in the Kremlin on Thursday.'],
      ['The visit comes after the talks in Moscow last week.', 'The visit comes before the talks in Moscow last week.'],
      ['The protests forced the president to flee the country.', 'The protests forcing the president to flee the country.'],
      ['Rebels shelled the town.', 'Soldiers shelled a city.'],
    ];
    const articles: Article[] = [];
    const facts: Fact[] = [];
    pairs.forEach(([p, q], k) => {
      // Each sentence twice, so that every word is used often enough to be a habit.
      articles.push(article(`n${k}a`, 'Wire', `${p} ${p}`), article(`n${k}b`, 'State TV', `${q} ${q}`));
      facts.push({ id: `n${k}`, text: p, citations: [cite(`n${k}a`), cite(`n${k}b`)], outlets: [], salience: 1 });
    });
    expect(learnSubstitutions(articles, outletsOf(articles), facts)).toEqual([]);
  });

  it('learns only habits: a word used once, or by both sides, is a synonym, not a framing', () => {
    const once = [
      article('h1', 'Wire', 'The group demands sacking the interior minister and scrapping the emergency laws.'),
      article('h2', 'State TV', 'The group demands firing the interior minister and scrapping the emergency laws.'),
    ];
    const both = [
      article('h3', 'Wire', 'Experts fear the strain could spark a pandemic that could kill millions. Some spark fear, some cause panic.'),
      article('h4', 'State TV', 'Experts fear the strain could cause a pandemic that could kill millions. Some cause alarm.'),
    ];
    for (const [x, y] of [once, both]) {
      const f: Fact = { id: 'h', text: '', citations: [cite(x.id), cite(y.id)], outlets: [], salience: 1 };
      expect(learnSubstitutions([x, y], outletsOf([x, y]), [f])).toEqual([]);
    }
  });

  it('does not learn from one outlet’s two wordings, and stops at maxLearned', () => {
    const x = article('m1', 'Wire', 'Government troops shelled positions held by separatists near the airport on Sunday. The separatists did not answer.');
    const y = article('m2', 'Wire', 'Government troops shelled positions held by self-defence forces near the airport on Sunday. The self-defence forces fired.');
    const f: Fact = { id: 'f3', text: '', citations: [cite('m1'), cite('m2')], outlets: [], salience: 1 };
    expect(learnSubstitutions([x, y], outletsOf([x, y]), [f])).toEqual([]);
    expect(framingContrasts([a, b], outletsOf([a, b]), [fact], { maxLearned: 0 }).filter((c) => c.source === 'learned')).toEqual([]);
  });
});

describe('framing on the seeds', async () => {
  // The four reports of the Tehran meeting; 004 is a later story.
  const { articles: all } = await readAndClean([SEEDS]);
  const articles = all.filter((a) => !a.id.startsWith('004'));
  const outletOf = outletsOf(articles);
  const id = (prefix: string) => articles.find((a) => a.id.startsWith(prefix))!.id;
  const spun = `unidentified (${id('000')})`;

  // Facts as the compare stage would make them: each sentence with the most similar sentence of each other report.
  const space = new SentenceSpace(articles, articles.map((a) => splitSentences(a.text)));
  const facts: Fact[] = [];
  for (const [q, support] of space.supportOf(space.sentences.map((_, i) => i))) {
    if (!support.length) continue;
    const s = space.sentences[q];
    const citations = [{ article: articles[s.article].id, sentence: s.sentence.index }, ...support.map((c) => ({ article: c.article, sentence: c.sentence }))];
    facts.push({ id: `f${q}`, text: s.sentence.text, citations, outlets: [...new Set(citations.map((c) => outletOf(c.article)))], salience: 1 });
  }
  const contrasts = framingContrasts(articles, outletOf, facts);

  it('reads the wire copy as AFP, the others as Press TV, SANA and an unidentified outlet', () => {
    expect(articles.map((a) => outletOf(a.id))).toEqual([spun, 'AFP', 'Press TV', 'SANA']);
  });

  it('shows Press TV and SANA calling the armed groups terrorists and AFP calling them rebels', () => {
    const armed = contrast(contrasts, ARMED)!;
    expect(contrasts[0]).toBe(armed); // the most used two-sided contrast
    const terror = side(armed, 'as terrorists')!;
    expect(terror.counts).toEqual({ [spun]: 3, 'Press TV': 6, SANA: 4 });
    expect(terror.counts.AFP).toBeUndefined(); // AFP's "terrorist groups" are all inside Dehghan's quotes
    expect(term(armed, 'takfiri terror group')!.counts).toEqual({ 'Press TV': 1 });
    expect(term(armed, 'terrorist militant')!.counts).toEqual({ SANA: 1 });
    const rebels = side(armed, 'as rebels')!;
    expect(rebels.counts).toEqual({ AFP: 3, 'Press TV': 2, [spun]: 1 }); // Press TV: "foreign-backed armed groups", "opposition groups"
    expect(term(armed, 'rebel')!.counts).toEqual({ AFP: 1, [spun]: 1 }); // "rebels in second city Aleppo", "rebel-held"
    expect(term(armed, 'rebel force')!.counts).toEqual({ AFP: 1 });
    expect(term(armed, 'rebel')!.citations).toContainEqual({ article: id('001'), sentence: 1 });
  });

  it('shows AFP and the spun copy writing "regime" where Press TV and SANA write "government"', () => {
    const gov = contrast(contrasts, GOVERNMENT)!;
    expect(side(gov, 'as a regime')!.counts).toEqual({ AFP: 2, [spun]: 1 });
    expect(side(gov, 'as a government')!.counts).toEqual({ AFP: 2, 'Press TV': 3, SANA: 2, [spun]: 1 });
  });

  it('finds the other contrasts the reports differ on', () => {
    const isState = contrast(contrasts, 'the Islamic State group')!;
    expect(side(isState, 'as Daesh')!.counts).toEqual({ 'Press TV': 2 });
    expect(side(isState, 'as Islamic State')!.counts).toEqual({ AFP: 3 });
    const war = contrast(contrasts, 'an armed uprising against a government')!;
    expect(side(war, 'as a civil war')!.counts).toEqual({ AFP: 2 });
    expect(side(war, 'as unrest')!.counts).toEqual({}); // SANA's "dangerous sedition" is Shamkhani's, in quotes
    const quoted = contrast(framingContrasts(articles, outletOf, [], { includeQuotes: true }), 'an armed uprising against a government')!;
    expect(side(quoted, 'as unrest')!.counts).toEqual({ SANA: 1 });
    const place = contrast(contrasts, 'taking control of a place')!;
    expect(side(place, 'as liberation')!.counts).toEqual({ SANA: 1 });
    expect(side(place, 'as capture')!.counts).toEqual({ AFP: 1 });
  });

  it('learns rebel / takfiri from the air-strikes sentence of AFP and Press TV', () => {
    const subs = learnSubstitutions(articles, outletOf, facts);
    const pair = subs.find((s) => [...s.terms].sort().join('/') === 'rebel/takfiri')!;
    expect(pair).toBeDefined();
    expect(pair.outlets).toEqual([['AFP'], ['Press TV']]);
    expect(pair.known).toBe(ARMED); // counted by the data referent, so not repeated as a learned contrast
    expect(contrasts.filter((c) => c.source === 'learned')).toEqual([]);
    // Without the data, the pair is a learned contrast of its own, counted over the event.
    const learned = framingContrasts(articles, outletOf, facts, { referents: [] });
    expect(learned.map((c) => [c.referent, c.source])).toEqual([['rebel / takfiri', 'learned']]);
    expect(learned[0].sides.map((s) => s.counts)).toEqual([{ AFP: 2, [spun]: 1 }, { 'Press TV': 3, SANA: 1 }]);
  });

  it('counts "liberation" and "recapture" in one report of the later story', () => {
    const later = all.filter((a) => a.id.startsWith('004'));
    const c = contrast(framingContrasts(later, outletsOf(later), []), 'taking control of a place')!;
    const who = `unidentified (${later[0].id})`;
    expect(side(c, 'as liberation')!.counts).toEqual({ [who]: 2 });
    expect(side(c, 'as capture')!.counts).toEqual({ [who]: 1 });
  });
});
