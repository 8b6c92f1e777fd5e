// Issue 3's acceptance on the real seeds and the T17 corpora: entities with their spellings merged, one quote carried
// by two outlets, the event's date, and sensible entities on every topic.
import { describe, expect, it } from 'vitest';
import type { Entity, Event } from '../../src/model.js';
import { analyzeArticles, readAndClean } from '../../src/pipeline/index.js';
import { understandArticle, understandEvent } from '../../src/understand/index.js';
import { cleanArticles } from '../../src/clean/index.js';
import { SEEDS, T17_TOPICS, t17Raws } from '../shared.js';
import { COUNTRY_NAMES, PLACES, lookupAlias } from '../../src/understand/lexicon.js';

const { articles } = await readAndClean([SEEDS]);
const analysis = analyzeArticles(articles);
const tehran = analysis.events.find((e) => e.articles.length === 4)!;

function entity(e: Event, type: Entity['type'], name: string): Entity {
  const found = e.entities!.filter((x) => x.type === type && x.name === name);
  expect(found, `${type} ${name} once`).toHaveLength(1);
  return found[0];
}

describe('understanding the seeds', () => {
  it('finds the people, each once, with their spellings and roles', () => {
    const dehghan = entity(tehran, 'person', 'Hossein Dehghan');
    expect(dehghan.aliases).toEqual(expect.arrayContaining(['Dehqan', 'Hossein Dehqan', 'Dehghan']));
    expect(dehghan.roles).toContain('Iranian Defense Minister');
    expect(dehghan.articles.map((a) => a.slice(0, 3)).sort()).toEqual(['000', '001', '002']);
    expect(entity(tehran, 'person', 'Sergei Shoigu').roles).toContain('Russian Defense Minister');
    const freij = entity(tehran, 'person', 'Fahad Jassim al-Freij');
    expect(freij.aliases).toEqual(expect.arrayContaining(['Freij', 'al-Freij', 'Fahd Jassem al-Freij', 'Fahad Jassim Freij']));
    expect(freij.roles).toContain('Defense Minister');
    expect(entity(tehran, 'person', 'Ali Shamkhani').roles).toContain('Secretary of Iran’s Supreme National Security Council');
    expect(entity(tehran, 'person', 'Bashar al-Assad').roles).toContain('President');
    expect(entity(tehran, 'person', 'Vladimir Putin').roles).toContain('Russian President');
  });

  it('finds the places and organisations, each once, with their spellings', () => {
    expect(entity(tehran, 'place', 'Tehran').aliases).toContain('Teheran');
    for (const p of ['Aleppo', 'Damascus', 'Palmyra', 'Syria', 'Iran', 'Russia']) entity(tehran, 'place', p);
    expect(entity(tehran, 'place', 'Russia').aliases).toContain('Russian Federation');
    expect(entity(tehran, 'organization', 'ISIL').aliases).toEqual(expect.arrayContaining(['Daesh', 'Islamic State of Iraq and the Levant']));
    expect(entity(tehran, 'organization', 'al-Nusra Front').aliases).toContain('al-Nusra');
    entity(tehran, 'organization', 'Supreme National Security Council');
    entity(tehran, 'organization', 'Syrian Arab Army');
  });

  it('splits lists and separates people from their titles', () => {
    const names = tehran.entities!.map((e) => e.name);
    expect(names).not.toContain('Iran, Russia and Syria');
    expect(names.filter((n) => /Minister|President|General/.test(n))).toEqual([]);
  });

  it('does not merge two people who share a surname', () => {
    const a = { ...articles[0], id: 'x1', text: 'President Bashar al-Assad met envoys in Damascus on Monday.\nHis brother Maher al-Assad commands the Fourth Division.' };
    const b = { ...articles[0], id: 'x2', text: 'Maher al-Assad was not seen at the meeting, witnesses said.' };
    const { entities } = understandEvent([a, b].map(understandArticle));
    const people = entities.filter((e) => e.type === 'person').map((e) => e.name).sort();
    expect(people).toEqual(['Bashar al-Assad', 'Maher al-Assad']);
  });

  it('merges the cease-fire quote carried by 001 and 002, speaker Hossein Dehghan', () => {
    const quote = tehran.quotes!.filter((q) => /guaranteed cease-?fire that doesn.t lead to the strengthening of terrorists in this country/.test(q.text));
    expect(quote).toHaveLength(1);
    expect(quote[0].speaker).toBe('Hossein Dehghan');
    expect(quote[0].articles.map((a) => a.slice(0, 3)).sort()).toEqual(['001', '002']);
    expect(quote[0].variants).toHaveLength(2);
  });

  it('attributes the Russian Defense Ministry statement to the ministry', () => {
    const q = tehran.quotes!.find((x) => x.text.startsWith('priority measures in reinforcing the cooperation'))!;
    expect(q.speaker).toBe('Russian Defense Ministry');
  });

  it('dates the Tehran event 2016-06-09', () => {
    expect(tehran.date).toBe('2016-06-09');
  });

  it('gives every article sentences, mentions resolved to event entities, and dates', () => {
    for (const a of analysis.articles) {
      expect(a.sentences!.length).toBeGreaterThan(3);
      for (const s of a.sentences!) expect(a.text.slice(s.start, s.end).trim().length).toBe(s.end - s.start);
      const event = analysis.events.find((e) => e.articles.includes(a.id))!;
      const names = new Set(event.entities!.map((e) => e.name));
      for (const m of a.mentions!) {
        expect(a.text.slice(m.start, m.end)).toBe(m.text);
        expect(names.has(m.entity!)).toBe(true);
      }
    }
  });
});

describe.each(T17_TOPICS)('understanding T17 %s', (topic) => {
  const { articles: cleaned } = cleanArticles(t17Raws(topic));
  // The whole topic as one event: the most-named entities must be the topic's protagonists.
  const { entities } = understandEvent(cleaned.map(understandArticle));
  const top = (type: Entity['type'], n: number) => entities.filter((e) => e.type === type).slice(0, n).map((e) => e.name);
  // A protagonist by any name the event gives them: the canonical name is the fullest form the event writes more than
  // once ("Ben S. Bernanke" in a corpus of the New York Times' style), so the test names them as the reports do.
  const topNames = (type: Entity['type'], n: number) => entities.filter((e) => e.type === type).slice(0, n).flatMap((e) => e.aliases);
  const expected: Record<string, { person: string[]; place: string[] }> = {
    egypt: { person: ['Hosni Mubarak', 'Omar Suleiman'], place: ['Egypt', 'Cairo', 'Tahrir Square'] },
    finan: { person: ['Barack Obama', 'Ben Bernanke'], place: ['United States', 'Wall Street'] },
    h1n1: { person: ['Margaret Chan'], place: ['Mexico', 'United States'] },
    haiti: { person: ['Rene Preval'], place: ['Haiti', 'Port-au-Prince'] },
    mj: { person: ['Michael Jackson', 'Conrad Murray'], place: ['Los Angeles'] },
  };
  it('names the protagonists among the most-mentioned entities', () => {
    for (const p of expected[topic].person) expect(topNames('person', 10), p).toContain(p);
    for (const p of expected[topic].place) expect(top('place', 8), p).toContain(p);
  });
  it('has no junk among its 30 most-mentioned entities', () => {
    const top30 = entities.slice(0, 30);
    const people = entities.filter((e) => e.type === 'person' && /\s/.test(e.name));
    const familyNames = new Set(people.flatMap((e) => e.aliases.filter((a) => !/\s/.test(a)).map((a) => a.toLowerCase())));
    for (const e of top30) {
      // Fragments: a modifier, a sentence's opening word, a speaker label or an article run into the name.
      expect(e.name, `${e.type} ${e.name}`).not.toMatch(/^(?:The|A|An|Seventeen|Incoming)\s|-based\s|:|\s[A-Z]{3,}$/);
      // A place typed as a person: a country, or a place the alias table knows.
      if (e.type === 'person') expect(COUNTRY_NAMES.has(e.name) || lookupAlias(e.name)?.type === 'place', `person ${e.name}`).toBe(false);
      // A person typed as a place: a place named by a family name the event gives a person ("Blitzer", "Zakaria").
      if (e.type === 'place' && !PLACES.has(e.name)) expect(familyNames.has(e.name.toLowerCase()), `place ${e.name}`).toBe(false);
    }
    // What these topics once showed among them, each a kind of error: an acronym joined to a name one comment spelled
    // out, a modifier or a sentence opener inside a name, a city read as an organisation, a speaker label glued to the
    // name before it, a first name read as another person's family name.
    const junk = ['Christian News Network', 'San Francisco-based Twitter', 'Seventeen United Nations', 'Incoming White House', 'Washington-based International Monetary Fund', 'Mohamed ElBaradei Crowley', 'Alun Michael', 'US Associated Press', 'Obama White House'];
    expect(top30.map((e) => e.name).filter((n) => junk.includes(n))).toEqual([]);
    expect(top30.filter((e) => e.type === 'organization' && /^Port.au.Prince$/i.test(e.name))).toEqual([]);
  });
  it('resolves spelling variants of its main person', () => {
    if (topic === 'egypt') expect(entities.find((e) => e.name === 'Hosni Mubarak')!.aliases).toEqual(expect.arrayContaining(['Mubarak', 'Moubarak']));
    for (const e of entities) expect(e.mentions).toBeGreaterThan(0);
  });
});
