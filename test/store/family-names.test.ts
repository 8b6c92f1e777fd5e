// A person is found by the spellings of that person: a family name alone is searched in its variants, not as the full
// name of each person who bears it; a full name finds that person's other spellings, not a surname their family shares.
// The rule (names.ts expandSpellings) on names given here, then in each kind of store on reports of three people
// named al-Assad or al-Asaad, each in an event of their own.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RawArticle } from '../../src/model.js';
import { cleanArticles } from '../../src/clean/index.js';
import { ingestIntoStore } from '../../src/service/ingest.js';
import { expandSpellings, nameKey, type NameLookup, type SpellingOfName } from '../../src/store/names.js';
import type { NewsStore } from '../../src/store/index.js';
import { STORE_KINDS, testStore } from '../stores.js';

/** A store's names as pairs: name → its spellings. */
function lookup(names: Record<string, string[]>): NameLookup {
  const pairs: SpellingOfName[] = Object.entries(names).flatMap(([name, spellings]) => spellings.map((spelling) => ({ spelling, name })));
  const among = (values: string[]) => new Set(values.map(nameKey));
  return {
    spellingsOfNames: async (ns) => pairs.filter((p) => among(ns).has(nameKey(p.name))),
    namesOfSpellings: async (ss) => pairs.filter((p) => among(ss).has(nameKey(p.spelling))),
  };
}

describe('expandSpellings', () => {
  const names = lookup({
    'Bashar al-Assad': ['Bashar al-Assad', 'Bashar Assad', 'Assad', 'al-Assad'],
    'Asma al-Assad': ['Asma al-Assad', 'Asma Assad', 'Asma', 'Assad', 'al-Assad'],
    'Hafez al-Assad': ['Hafez al-Assad', 'Assad'],
    'Riyad al-Asaad': ['Riyad al-Asaad', 'Riyad', 'Asaad'],
    'Conrad Murray': ['Conrad Murray', 'Murray', 'Dr Murray'],
    Murray: ['Murray'],
    'Dehghan (no one else)': ['Hossein Dehghan', 'Dehghan', 'Dehqan'],
  });

  it('expands a family name shared by several people to its variants only, not their full names', async () => {
    expect(await expandSpellings('Assad', ['Bashar al-Assad', 'Asma al-Assad', 'Hafez al-Assad'], names)).toEqual(['Assad', 'al-Assad']);
    expect(await expandSpellings('Asad', ['Bashar al-Assad', 'Asma al-Assad', 'Riyad al-Asaad'], names)).toEqual(['Asad', 'Assad', 'al-Assad', 'Asaad']);
    // A given name one of them also bears is not a variant.
    expect(await expandSpellings('Assad', ['Bashar al-Assad', 'Asma al-Assad'], names)).not.toContain('Asma');
  });

  it('expands a full name to every spelling of that person but those that name someone else too', async () => {
    expect(await expandSpellings('Bashar al-Assad', ['Bashar al-Assad'], names)).toEqual(['Bashar al-Assad', 'Bashar Assad']);
    expect(await expandSpellings('Dehqan', ['Dehghan (no one else)'], names)).toEqual(['Dehqan', 'Hossein Dehghan', 'Dehghan']);
  });

  it('takes names that are spellings of one another for one person (events resolve names apart)', async () => {
    expect(await expandSpellings('Murray', ['Conrad Murray', 'Murray'], names)).toEqual(['Murray', 'Conrad Murray', 'Dr Murray']);
    expect(await expandSpellings('Conrad Murray', ['Conrad Murray'], names)).toEqual(['Conrad Murray', 'Murray', 'Dr Murray']);
  });

  it('gives the text alone when it names nothing, once in any case', async () => {
    expect(await expandSpellings(' Palmyra ', [], names)).toEqual(['Palmyra']);
    expect(await expandSpellings('assad', ['Bashar al-Assad', 'Asma al-Assad'], names)).toEqual(['assad', 'al-Assad']);
  });
});

const raw = (id: string, published: string, title: string, text: string): RawArticle => ({ id, source: `${id}.jsonl`, format: 'jsonl', published, title, text });
const ARTICLES = [
  raw('bashar-1', '2012-03-01', 'Syrian president vows to fight on in Damascus speech', 'DAMASCUS — President Bashar al-Assad told parliament on Thursday that his army would fight on in Homs. Assad said the uprising was a foreign plot. The speech in Damascus was his first this year.'),
  raw('bashar-2', '2012-03-01', 'Assad defiant in speech to parliament', 'Syrian President Bashar al-Assad vowed on Thursday to crush the revolt in Homs. In a speech to parliament in Damascus, Assad blamed foreign powers for the uprising.'),
  raw('bashar-3', '2012-03-02', 'Bashar Assad rejects calls to step down', "DAMASCUS — Syria's President Bashar Assad rejected on Friday calls from the Arab League to step down, a day after his speech to parliament on Homs. Assad said he would stay."),
  raw('asma-1', '2012-09-20', 'Syria first lady visits London charity gala', 'LONDON — Asma al-Assad, the wife of the Syrian president, attended a charity gala for children in London on Wednesday. Assad, who grew up in London, spoke about hospitals and schools.'),
  raw('asma-2', '2012-09-20', 'Asma al-Assad appears at London gala', "Asma al-Assad appeared at a children's charity gala in London on Wednesday. Assad, a former banker raised in west London, praised the volunteers of the charity."),
  raw('riyad-1', '2012-07-10', 'Free Syrian Army commander speaks from Turkey', 'ANTAKYA — Colonel Riyad al-Asaad, the commander of the Free Syrian Army, said on Tuesday from his camp in Turkey that his fighters controlled parts of Idlib. Asaad said they needed weapons.'),
  raw('riyad-2', '2012-07-10', 'FSA leader asks for weapons', 'Riyad al-Asaad, who leads the Free Syrian Army from a camp in Turkey, asked foreign governments on Tuesday for anti-aircraft weapons. Asaad said his men held parts of Idlib.'),
];
const ids = (hits: Array<{ article: string }>) => hits.map((h) => h.article).sort();

describe.each(STORE_KINDS)('family names in %s', (kind) => {
  const stores = testStore(kind);
  let store: NewsStore;
  beforeAll(async () => {
    store = await stores.open(await stores.location('family'));
    await ingestIntoStore(store, cleanArticles(ARTICLES).articles);
  });
  afterAll(async () => {
    await store?.close();
    await stores.cleanup();
  });

  it('stores the three people apart, the surname a spelling of two of them', async () => {
    const events = (await store.events()).events;
    expect(events.map((e) => e.articles.length).sort()).toEqual([2, 2, 3]);
    expect(await store.spellingsOf('Bashar Assad')).toEqual(expect.arrayContaining(['Bashar al-Assad']));
  });

  it('searches a family name alone in its variants, not as the full name of everyone who bears it', async () => {
    const r = await store.search({ text: 'Assad' });
    expect(r.searched).toEqual(['Assad']);
    expect(r.searched).not.toContain('Bashar al-Assad');
    expect(r.searched).not.toContain('Asma al-Assad');
    // Every report that writes the name, whoever it names.
    expect(ids(r.hits)).toEqual(['asma-1', 'asma-2', 'bashar-1', 'bashar-2', 'bashar-3']);
    // A spelling no report wrote, like theirs: the family name in every transliteration stored, still no full name.
    const asad = await store.search({ text: 'Asad' });
    expect([...asad.searched].sort()).toEqual(['Asaad', 'Asad', 'Assad']);
    expect(asad.total).toBe(7);
  });

  it("finds a person by a full name in that person's other spellings, not by the surname the family shares", async () => {
    const bashar = await store.search({ text: 'Bashar al-Assad' });
    expect([...bashar.searched].sort()).toEqual(['Bashar Assad', 'Bashar al-Assad']);
    expect(ids(bashar.hits)).toEqual(['bashar-1', 'bashar-2', 'bashar-3']);
    expect(ids((await store.search({ text: 'Bashar Assad' })).hits)).toEqual(['bashar-1', 'bashar-2', 'bashar-3']);
    expect(ids((await store.search({ text: 'Asma al-Assad' })).hits)).toEqual(['asma-1', 'asma-2']);
    // A surname only one person bears is that person's, in every spelling.
    const riyad = await store.search({ text: 'Asaad' });
    expect([...riyad.searched].sort()).toEqual(['Asaad', 'Riyad al-Asaad']);
    expect(ids(riyad.hits)).toEqual(['riyad-1', 'riyad-2']);
  });
});
