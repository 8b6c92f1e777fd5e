// Quotes: finding quoted words and their speakers in one article, and merging the same statement across outlets.
// Fictional paragraphs cover each pattern; the real seeds check the statements the issue names. Mentions are built by
// hand (the entity extractor is tested on its own): every occurrence of a given name, longest names first.
import { describe, expect, it } from 'vitest';
import { seedRaws } from '../shared.js';
import { cleanArticles } from '../../src/clean/index.js';
import type { Article, EntityType, Mention, RawArticle, Sentence } from '../../src/model.js';
import { splitSentences } from '../../src/text/sentences.js';
import { findQuotes, mergeQuotes, quoteTokens, type AttributedQuote, type QuoteInArticle } from '../../src/understand/quotes.js';

interface Name {
  name: string;
  type?: EntityType;
  /** Roles that may be written right before the name (one capitalised word may stand between: "Minister General"). */
  roles?: string[];
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Index of the last sentence starting at or before `pos`. */
function sentenceAt(sentences: Sentence[], pos: number): number {
  let k = -1;
  for (const s of sentences) if (s.start <= pos) k = s.index;
  return k;
}

/** Every occurrence of the names in `text`, longest names first, never overlapping, with a role when written before. */
function mentionsOf(text: string, names: Name[]): Mention[] {
  const sentences = splitSentences(text);
  const out: Mention[] = [];
  for (const n of [...names].sort((a, b) => b.name.length - a.name.length)) {
    for (const m of text.matchAll(new RegExp(`(?<![\\p{L}\\-])${escapeRe(n.name)}(?![\\p{L}])`, 'gu'))) {
      const start = m.index!;
      const end = start + n.name.length;
      if (out.some((o) => start < o.end && end > o.start)) continue;
      const before = text.slice(Math.max(0, start - 120), start);
      const role = n.roles?.find((r) => new RegExp(`${escapeRe(r)}(?:\\s+\\p{Lu}\\p{Ll}+)?\\s+$`, 'u').test(before));
      const sentence = sentenceAt(sentences, start);
      out.push({ start, end, text: n.name, type: n.type ?? 'person', sentence, ...(role ? { role } : {}) });
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

const CAST: Name[] = [
  { name: 'Maria Lindqvist', roles: ['Foreign Minister'] },
  { name: 'Lindqvist' },
  { name: 'Tomas Brandt' },
  { name: 'Brandt' },
  { name: 'Oskar Vale', roles: ['President'] },
  { name: 'Vale' },
  { name: 'Elena Ruiz' },
  { name: 'Ruiz' },
  { name: 'Northland Water Authority', type: 'organization' },
  { name: 'Radio Meridian', type: 'organization' },
  { name: 'Porto Vell', type: 'place' },
];

/** A seeded pseudo-random generator (mulberry32). */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function quotesOf(text: string, names: Name[] = CAST): QuoteInArticle[] {
  return findQuotes(text, splitSentences(text), mentionsOf(text, names));
}
function one(text: string): QuoteInArticle {
  const qs = quotesOf(text);
  expect(qs, text).toHaveLength(1);
  return qs[0];
}

describe('findQuotes: quote marks', () => {
  it('reads curly and straight marks, with offsets on the quoted words', () => {
    const text = 'Talks resumed.\n“The border will reopen on Monday,” Maria Lindqvist said. Brandt disagreed: "Not before June."';
    const qs = quotesOf(text);
    expect(qs.map((q) => q.text)).toEqual(['The border will reopen on Monday', 'Not before June.']);
    for (const q of qs) expect(text.slice(q.start, q.end)).toBe(q.text);
    expect(qs[0].sentence).toBe(1);
    expect(qs[1].sentence).toBe(2);
    expect(qs.map((q) => q.partial)).toEqual([false, false]);
  });

  it('keeps a quote that runs over several sentences inside one pair of marks whole', () => {
    const q = one('“We waited. We asked. Nobody came,” Elena Ruiz said.');
    expect(q.text).toBe('We waited. We asked. Nobody came');
    expect(q.speaker?.text).toBe('Elena Ruiz');
  });

  it('takes a closing mark written as an opener, as scrapers print it', () => {
    const q = one('Brandt said that ” the port will stay open until the spring.”');
    expect(q.text).toBe('the port will stay open until the spring.');
    expect(q.speaker?.text).toBe('Brandt');
  });

  it('runs an unclosed quote to the end of its paragraph, never into the next one', () => {
    const text = 'Lindqvist said: “We will not sign this deal, not now and not later\nThe talks resume on Friday.';
    const q = one(text);
    expect(q.text).toBe('We will not sign this deal, not now and not later');
    expect(q.end).toBe(text.indexOf('\n'));
    expect(q.speaker?.text).toBe('Lindqvist');
  });

  it('survives stray and unbalanced marks', () => {
    const odd = ['"', '“', '”', '""""', '“”', '‘', "'", '’’', '“a', 'a”', '“ ” “', '”“”“', "'a'", '«»«', '"\n"\n"', '‘x', 'x’ ‘'];
    for (const text of odd) {
      const qs = findQuotes(text, splitSentences(text), []);
      for (const q of qs) {
        expect(q.start).toBeGreaterThanOrEqual(0);
        expect(q.end).toBeLessThanOrEqual(text.length);
        expect(q.start).toBeLessThanOrEqual(q.end);
      }
    }
    // A long line of random marks and words: finishes, offsets inside the text.
    const rnd = random(7);
    const pieces = ['"', '“', '”', '‘', '’', "'", ' ', 'said', 'he', 'Brandt', ',', '.', '\n', 'word', 'that'];
    const text = Array.from({ length: 20_000 }, () => pieces[Math.floor(rnd() * pieces.length)]).join(' ');
    const qs = findQuotes(text, splitSentences(text), mentionsOf(text, CAST));
    for (const q of qs) expect(q.start >= 0 && q.end <= text.length && !text.slice(q.start, q.end).includes('\n')).toBe(true);
  });

  it('does not take apostrophes for quotes', () => {
    const text =
      'Iran’s minister said the rebels’ positions don’t matter and al-Assad’s forces, in place since the ’90s, won’t retreat. ' +
      "Brandt's aides said they don't know; the '90s were different, and the ministers' meeting ended.";
    expect(quotesOf(text)).toEqual([]);
  });

  it('takes a clearly single-quoted statement, and single quotes inside double ones as part of the words', () => {
    const single = one('Lindqvist said: ‘We will not be rushed into a bad deal.’');
    expect(single.text).toBe('We will not be rushed into a bad deal.');
    expect(single.speaker?.text).toBe('Lindqvist');
    const nested = one('“He told me ‘never again’ and walked out,” Brandt said.');
    expect(nested.text).toBe('He told me ‘never again’ and walked out');
    // A plural possessive inside single quotes does not close them.
    expect(one("Ruiz wrote: 'The ministers' plan is dead.'").text).toBe("The ministers' plan is dead.");
  });
});

describe('findQuotes: speakers', () => {
  const cases: Array<[string, string, string | null]> = [
    ['“The border will reopen on Monday,” Maria Lindqvist said.', 'The border will reopen on Monday', 'Maria Lindqvist'],
    ['“The border will reopen on Monday,” said Foreign Minister Maria Lindqvist on Tuesday.', 'The border will reopen on Monday', 'Maria Lindqvist'],
    ['“We expect more rain,” Brandt told reporters.', 'We expect more rain', 'Brandt'],
    ['“The dam is safe” Brandt added.', 'The dam is safe', 'Brandt'],
    ['“Nobody will be left behind,” Lindqvist stressed on Tuesday.', 'Nobody will be left behind', 'Lindqvist'],
    ['“The harbour must stay open,” Elena Ruiz, the mayor of Porto Vell, warned.', 'The harbour must stay open', 'Elena Ruiz'],
    ['Lindqvist said: “The border will reopen on Monday.”', 'The border will reopen on Monday.', 'Lindqvist'],
    ['Vale said that “the border will reopen on Monday.”', 'the border will reopen on Monday.', 'Vale'],
    ['Brandt said the goal was to finish the bridge “before the first snow falls in the valley.”', 'before the first snow falls in the valley.', 'Brandt'],
    ['According to Brandt, “the bridge will carry trains by 2030.”', 'the bridge will carry trains by 2030.', 'Brandt'],
    ['“We have made our decision,” Radio Meridian quoted Lindqvist as saying.', 'We have made our decision', 'Lindqvist'],
    ['“We have made our decision,” state television quoted Vale as saying.', 'We have made our decision', 'Vale'],
    ['The Northland Water Authority’s statement said the reservoir was “at its lowest level in forty years.”', 'at its lowest level in forty years.', 'Northland Water Authority'],
    ['A Northland Water Authority statement before the meeting said supplies were “secure for the whole summer.”', 'secure for the whole summer.', 'Northland Water Authority'],
    ['Lindqvist told Brandt: “You will have our answer by Friday.”', 'You will have our answer by Friday.', 'Lindqvist'],
    ['“Prices will fall,” officials said after Brandt left.', 'Prices will fall', null],
  ];
  it.each(cases)('%s', (text, words, speaker) => {
    const q = one(text);
    expect(q.text).toBe(words);
    expect(q.speaker?.text ?? null).toBe(speaker);
  });

  it('attributes every fragment of a reporting sentence to its speaker', () => {
    const qs = quotesOf(
      'The fight against “smuggling” must rest on “a shared plan and clear priorities,” he said after Brandt left, with results expected “in the coming days.”',
      [{ name: 'Brandt' }],
    );
    // "he" has no person before it: nobody. Fragments of fewer than three words without a speaker are dropped.
    expect(qs.map((q) => [q.text, q.partial, q.speaker])).toEqual([
      ['a shared plan and clear priorities', true, null],
      ['in the coming days.', true, null],
    ]);
    const named = quotesOf(
      'Elena Ruiz spoke first.\nThe fight against “smuggling” must rest on “a shared plan and clear priorities,” she said after the talks, with results expected “in the coming days.”',
    );
    expect(named.map((q) => [q.text, q.speaker?.text])).toEqual([
      ['smuggling', 'Elena Ruiz'],
      ['a shared plan and clear priorities', 'Elena Ruiz'],
      ['in the coming days.', 'Elena Ruiz'],
    ]);
  });

  it('follows a participle back to its clause’s speaker', () => {
    const qs = quotesOf('“We agree to the plan,” Brandt noted, adding, “The next step is a vote in parliament.”');
    expect(qs.map((q) => [q.text, q.speaker?.text])).toEqual([
      ['We agree to the plan', 'Brandt'],
      ['The next step is a vote in parliament.', 'Brandt'],
    ]);
    const that = quotesOf('Ruiz noted that the port is busy, adding that “Today, the harbour is the city’s lifeline.”');
    expect(that.map((q) => [q.text, q.speaker?.text])).toEqual([['Today, the harbour is the city’s lifeline.', 'Ruiz']]);
  });
});

describe('findQuotes: a quote interrupted by its attribution', () => {
  it('joins the parts into one quote, keeping each part’s words', () => {
    const text = 'Maria Lindqvist met the envoys on Monday.\n“We agree,” she said, “to a ceasefire along the river.”';
    const q = one(text);
    expect(q.text).toBe('We agree to a ceasefire along the river.');
    expect(q.start).toBe(text.indexOf('We agree'));
    expect(q.end).toBe(text.indexOf('river.') + 'river.'.length);
    expect(q.speaker?.text).toBe('Maria Lindqvist');
    expect(q.partial).toBe(false);
  });

  it('keeps apart two statements separated by attribution, and lets the second follow the first’s speaker', () => {
    const qs = quotesOf('“We are ready,” Brandt said. “The trucks leave at dawn.”');
    expect(qs.map((q) => [q.text, q.speaker?.text])).toEqual([
      ['We are ready', 'Brandt'],
      ['The trucks leave at dawn.', 'Brandt'],
    ]);
    const nearer = quotesOf('“We are ready,” Brandt said. Ruiz said the plan had failed. “The trucks never left.”');
    expect(nearer.map((q) => q.speaker?.text)).toEqual(['Brandt', 'Ruiz']);
  });
});

describe('findQuotes: pronouns and descriptions', () => {
  it('resolves he/she to the nearest person before, skipping names inside the quote', () => {
    const q = one('Tomas Brandt spoke after the vote.\n“Elena Ruiz was right about the harbour,” he said.');
    expect(q.speaker?.text).toBe('Tomas Brandt');
  });

  it('gives "they" nobody', () => {
    const q = one('Brandt left early.\n“We will strike again next week,” they said.');
    expect(q.speaker).toBeNull();
    expect(q.partial).toBe(false);
  });

  it('resolves "the minister" and "the president" by role before distance', () => {
    const text =
      'Foreign Minister Maria Lindqvist met President Oskar Vale and Tomas Brandt in Porto Vell.\n' +
      '“The talks were useful,” the minister said.\n“We will meet again in June,” the president added.';
    const qs = quotesOf(text);
    expect(qs.map((q) => q.speaker?.text)).toEqual(['Maria Lindqvist', 'Oskar Vale']);
    expect(qs[0].speaker?.role).toBe('Foreign Minister');
  });

  it('falls back to the nearest person when no role matches the description', () => {
    const q = one('Tomas Brandt arrived late.\n“The figures are wrong,” the official said.');
    expect(q.speaker?.text).toBe('Tomas Brandt');
  });

  it('prefers the person who was the subject to one named in passing', () => {
    const text = 'Vale made the remarks at a meeting with Tomas Brandt and his delegation.\n“The river belongs to both our peoples,” he said.';
    expect(one(text).speaker?.text).toBe('Vale');
  });
});

describe('findQuotes: partial quotes', () => {
  it('keeps fragments inside reporting as partial, with the sentence’s speaker', () => {
    const qs = quotesOf('Brandt promised a “decisive” vote against “all forms of smuggling.”');
    expect(qs.map((q) => [q.text, q.partial, q.speaker?.text])).toEqual([
      ['decisive', true, 'Brandt'],
      ['all forms of smuggling.', true, 'Brandt'],
    ]);
  });

  it('drops scare quotes and titles of one or two words without a speaker', () => {
    expect(quotesOf('Protesters gathered near the “green zone” on Sunday.')).toEqual([]);
    expect(quotesOf('Brandt criticised the so-called “harbour plan” again.')).toEqual([]);
    expect(quotesOf('Brandt said the so-called “harbour plan” was dead.')).toEqual([]);
  });

  it('keeps fragments of three words or more without a speaker', () => {
    const q = one('Protesters called for “an end to the blockade” on Sunday.');
    expect(q).toMatchObject({ text: 'an end to the blockade', partial: true, speaker: null });
  });

  it('treats a quote after a colon, a comma or "said" as a statement', () => {
    expect(one('Lindqvist said, “We are ready.”').partial).toBe(false);
    expect(one('Lindqvist said “Nobody will be left behind.”').partial).toBe(false);
    expect(one('Lindqvist said the plan was “a step back for the whole region.”').partial).toBe(true);
  });
});

describe('findQuotes: a paragraph that is all quote', () => {
  it('continues the speaker of the paragraph before', () => {
    const text =
      'Lindqvist said the talks had gone well.\n“We will meet again in June. Nothing is decided yet.”\n“Both sides want a deal.”';
    const qs = quotesOf(text);
    expect(qs.map((q) => q.speaker?.text)).toEqual(['Lindqvist', 'Lindqvist']);
    expect(qs[0].text).toBe('We will meet again in June. Nothing is decided yet.');
  });

  it('continues a quote’s speaker, and gives nobody after a paragraph without one', () => {
    const qs = quotesOf('“The dam held,” said Elena Ruiz.\n“The town is safe.”\nThe rain stopped on Monday.\n“Nobody expected this.”');
    expect(qs.map((q) => q.speaker?.text ?? null)).toEqual(['Elena Ruiz', 'Elena Ruiz', null]);
  });
});

describe('mergeQuotes', () => {
  const speaker = (name: string, role: string | null = null) => ({ name, role });
  const item = (article: string, text: string, sp: { name: string; role: string | null } | null, partial = false): AttributedQuote => ({
    article,
    quote: { text, start: 0, end: text.length, sentence: 0, partial, speaker: null },
    speaker: sp,
  });

  it('folds case, hyphens, apostrophes and punctuation', () => {
    expect(quoteTokens('A cease-fire that doesn’t hold, Sir!')).toEqual(['a', 'ceasefire', 'that', 'doesnt', 'hold', 'sir']);
    expect(quoteTokens("doesn't")).toEqual(quoteTokens('doesn’t'));
  });

  it('merges one statement printed with cease-fire/ceasefire, doesn’t/doesn\'t and a dropped word', () => {
    const a = 'We agree to a guaranteed cease-fire that doesn’t lead to the strengthening of terrorists in this country';
    const b = "We agree to a guaranteed ceasefire that doesn't lead to strengthening of terrorists in this country";
    const merged = mergeQuotes([
      item('outlet-1', a, speaker('Maria Lindqvist', 'Foreign Minister')),
      item('outlet-1', 'The border will reopen on Monday', speaker('Maria Lindqvist')),
      item('outlet-2', b, speaker('Maria Lindqvist')),
      item('outlet-2', 'Prices will fall before the winter comes', speaker('Tomas Brandt')),
    ]);
    expect(merged).toHaveLength(3);
    expect(merged[0]).toEqual({
      text: a,
      speaker: 'Maria Lindqvist',
      speakerRole: 'Foreign Minister',
      articles: ['outlet-1', 'outlet-2'],
      variants: [a, b],
    });
    expect(merged[1].text).toBe('The border will reopen on Monday');
    expect(merged[2].articles).toEqual(['outlet-2']);
  });

  it('keeps the fullest version, and lets a cut version and a contained fragment join it', () => {
    const full = 'We will fight all terrorist groups until the end, and we will win this war';
    const merged = mergeQuotes([
      item('a', 'We will fight all terrorist groups until the end', speaker('Oskar Vale')),
      item('b', full, null),
      item('c', 'all terrorist groups', speaker('Oskar Vale'), true),
      item('c', 'We will fight all terrorist groups until the end', speaker('Vale')),
    ]);
    expect(merged).toHaveLength(1);
    expect(merged[0].text).toBe(full);
    expect(merged[0].articles).toEqual(['a', 'b', 'c']);
    expect(merged[0].variants).toHaveLength(3);
    expect(merged[0].speaker).toBe('Oskar Vale'); // the most common named speaker ("Vale" once)
  });

  it('keeps apart the same words said by two named speakers, but merges an unnamed one', () => {
    const merged = mergeQuotes([
      item('a', 'This is a historic day for our country', speaker('Oskar Vale')),
      item('b', 'This is a historic day for our country', speaker('Tomas Brandt')),
      item('c', 'This is a historic day for our country.', null),
    ]);
    expect(merged.map((q) => [q.speaker, q.articles])).toEqual([
      ['Oskar Vale', ['a', 'c']],
      ['Tomas Brandt', ['b']],
    ]);
  });

  it('does not merge different statements that share common words or differ by a negation', () => {
    const merged = mergeQuotes([
      item('a', 'Threats of violence against the protesters show that the regime is afraid of its own people', null),
      item('b', 'I am against the regime', null),
      item('c', 'We agree to the ceasefire plan today', speaker('Vale')),
      item('d', 'We do not agree to the ceasefire plan today', speaker('Vale')),
      item('e', 'decisive', null, true),
      item('f', 'a decisive battle against smuggling', null, true),
    ]);
    expect(merged).toHaveLength(6);
  });

  it('handles thousands of quotes quickly', () => {
    const rnd = random(42);
    const vocab = Array.from({ length: 3000 }, (_, i) => `w${i.toString(36)}`);
    const common = ['the', 'of', 'and', 'to', 'we', 'will', 'is', 'a', 'in', 'that'];
    const pick = (list: string[]) => list[Math.floor(rnd() * list.length)];
    const statements = Array.from({ length: 1000 }, () =>
      Array.from({ length: 8 + Math.floor(rnd() * 20) }, () => pick(rnd() < 0.4 ? common : vocab)).join(' '),
    );
    const items: AttributedQuote[] = [];
    statements.forEach((s, i) => {
      items.push(item(`x${i}`, s, null));
      items.push(item(`y${i}`, `${s} today`, null)); // a word added
      items.push(item(`z${i}`, s.split(' ').slice(0, -1).join(' '), null)); // the last word cut
    });
    // Speed is measured by `npm run bench`, never asserted here; this checks that a large input merges correctly.
    const merged = mergeQuotes(items);
    expect(merged).toHaveLength(1000);
    expect(merged.every((q) => q.articles.length === 3 && q.articles[0].slice(1) === q.articles[2].slice(1))).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------------------------------------
// The real seeds

const raws: RawArticle[] = seedRaws();
const { articles } = cleanArticles(raws);
const seed = (prefix: string): Article => articles.find((a) => a.id.startsWith(prefix))!;

const SEED_NAMES: Name[] = [
  { name: 'Hossein Dehghan', roles: ['Iranian Defense Minister'] },
  { name: 'Dehghan' },
  { name: 'Hossein Dehqan', roles: ['Iranian Defense Minister'] },
  { name: 'Dehqan' },
  { name: 'Ali Shamkhani', roles: ['Secretary of Iran’s Supreme National Security Council'] },
  { name: 'Shamkhani' },
  { name: 'Fahd Jassem al-Freij', roles: ['Defense Minister'] },
  { name: 'Fahad Jassim Freij' },
  { name: 'al-Freij' },
  { name: 'Freij' },
  { name: 'Sergei Shoigu', roles: ['Russian Defense Minister'] },
  { name: 'Shoigu' },
  { name: 'Bashar al-Assad', roles: ['Syrian President', 'President'] },
  { name: 'Assad' },
  { name: 'Vladimir Putin', roles: ['Russian President'] },
  { name: 'Hossein Jaberi Ansari', roles: ['Iranian Deputy Foreign Minister for Arab and African Affairs'] },
  { name: 'Jaberi Ansari' },
  { name: 'Jaberi' },
  { name: 'Russian Defense Ministry', type: 'organization' },
  { name: 'Russian Defense ministry', type: 'organization' },
];
const CANONICAL: Record<string, string> = {
  Dehghan: 'Hossein Dehghan',
  Dehqan: 'Hossein Dehghan',
  'Hossein Dehqan': 'Hossein Dehghan',
  Shamkhani: 'Ali Shamkhani',
  'al-Freij': 'Fahd Jassem al-Freij',
  Freij: 'Fahd Jassem al-Freij',
  'Fahad Jassim Freij': 'Fahd Jassem al-Freij',
  Shoigu: 'Sergei Shoigu',
  Assad: 'Bashar al-Assad',
  Jaberi: 'Hossein Jaberi Ansari',
  'Jaberi Ansari': 'Hossein Jaberi Ansari',
};
const seedQuotes = (a: Article) => findQuotes(a.text, splitSentences(a.text), mentionsOf(a.text, SEED_NAMES));
const starting = (qs: QuoteInArticle[], words: string) => {
  const q = qs.find((x) => x.text.startsWith(words));
  expect(q, words).toBeDefined();
  return q!;
};

describe('findQuotes and mergeQuotes on the seeds', () => {
  it('cleans the five seeds', () => {
    expect(articles.map((a) => a.id.slice(0, 3))).toEqual(['000', '001', '002', '003', '004']);
  });

  it('001: the ceasefire statement is Dehghan’s ("he said")', () => {
    const q = starting(seedQuotes(seed('001')), 'We agree');
    expect(q.text).toBe('We agree to a guaranteed cease-fire that doesn’t lead to the strengthening of terrorists in this country');
    expect(q.speaker?.text).toBe('Dehghan');
    expect(q.partial).toBe(false);
  });

  it('002: the same statement with "ceasefire", said by Dehqan', () => {
    const q = starting(seedQuotes(seed('002')), 'We agree');
    expect(q.text).toBe('We agree to a guaranteed ceasefire that doesn’t lead to the strengthening of terrorists in this country');
    expect(q.speaker?.text).toBe('Dehqan');
  });

  it('001: a quote over two sentences is one quote, said by Dehghan ("said Dehghan")', () => {
    const a = seed('001');
    const q = starting(seedQuotes(a), 'The terrorists and their supporters');
    expect(q.text).toMatch(/will do so\. The first step toward restoring security to the region is a comprehensive cease-fire$/);
    expect(q.speaker?.text).toBe('Dehghan');
    const sentences = splitSentences(a.text);
    const endSentence = sentenceAt(sentences, q.end - 1);
    expect(endSentence).toBe(q.sentence + 1);
    expect(a.text.slice(q.start, q.end)).toBe(q.text);
  });

  it('001: "state television website quoted Dehghan as saying" gives Dehghan, not the television', () => {
    const q = starting(seedQuotes(seed('001')), 'We made decisions');
    expect(q.speaker).toMatchObject({ text: 'Dehghan', type: 'person' });
  });

  it('001: fragments of reported speech keep Dehghan; the Ministry statement is the Ministry’s', () => {
    const qs = seedQuotes(seed('001'));
    expect(starting(qs, 'blocking or preventing')).toMatchObject({ partial: true, speaker: { text: 'Dehghan' } });
    expect(starting(qs, 'decisive')).toMatchObject({ partial: true, speaker: { text: 'Hossein Dehghan', role: 'Iranian Defense Minister' } });
    expect(starting(qs, 'supporting the Syrian army forces').speaker?.text).toBe('Dehghan');
    expect(starting(qs, 'priority measures').speaker).toMatchObject({ text: 'Russian Defense Ministry', type: 'organization' });
  });

  it('003: the quote opened by a closing mark after "Shamkhani said that" is Shamkhani’s', () => {
    const a = seed('003');
    expect(a.text).toContain('Shamkhani said that ” Iran');
    const qs = seedQuotes(a);
    const q = starting(qs, 'Iran, Russia and Syria are further activating');
    expect(q.speaker?.text).toBe('Shamkhani');
    expect(starting(qs, 'Backing terrorist groups').speaker?.text).toBe('Shamkhani'); // "he said", a paragraph later
  });

  it('000: the scare quote “moderate opposition” is dropped; 004: "he" is Assad, the subject, not the minister he met', () => {
    const qs0 = seedQuotes(seed('000'));
    expect(qs0.some((q) => q.text.includes('moderate opposition'))).toBe(false);
    expect(starting(qs0, 'We will liberate every inch').speaker?.text).toBe('Bashar al-Assad');
    const qs4 = seedQuotes(seed('004'));
    expect(starting(qs4, 'is also a relapse').speaker?.text).toBe('Assad');
    expect(starting(qs4, 'basic step').speaker?.text).toBe('Bashar al-Assad'); // "The Syrian head of state"
  });

  it('takes no apostrophe for a quote mark in any seed', () => {
    for (const a of articles) {
      for (const q of seedQuotes(a)) {
        const before = a.text.slice(0, q.start).trimEnd();
        expect('“”"', `${a.id}: ${q.text}`).toContain(before[before.length - 1]);
      }
    }
  });

  it('merges the ceasefire statement of 001 and 002 into one quote by Hossein Dehghan', () => {
    const items: AttributedQuote[] = [];
    for (const a of [seed('001'), seed('002')]) {
      for (const q of seedQuotes(a)) {
        const name = q.speaker ? (CANONICAL[q.speaker.text] ?? q.speaker.text) : null;
        items.push({ article: a.id, quote: q, speaker: name ? { name, role: q.speaker!.role ?? null } : null });
      }
    }
    const merged = mergeQuotes(items);
    const ceasefire = merged.filter((q) => q.variants.some((v) => v.startsWith('We agree to a guaranteed')));
    expect(ceasefire).toHaveLength(1);
    expect(ceasefire[0].speaker).toBe('Hossein Dehghan');
    expect(ceasefire[0].articles).toEqual([seed('001').id, seed('002').id]);
    expect(ceasefire[0].variants).toHaveLength(2);
    // "We made decisions …" is printed by both as well; the Ministry statement's two cuts are one quote.
    const decisions = merged.find((q) => q.text.startsWith('We made decisions'))!;
    expect(decisions.articles).toHaveLength(2);
    expect(merged.filter((q) => q.text.startsWith('priority measures'))).toHaveLength(1);
  });

});
