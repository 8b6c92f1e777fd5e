// A names index a fact-checker can trust (issue 20): names found whole and typed in context, the short and the long
// form of one organisation joined, people who share a family name kept apart, roles read only from the words that
// name that person. Each case is a kind of sentence met in real coverage, written afresh here.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Entity } from '../../src/model.js';
import { cleanArticles } from '../../src/clean/index.js';
import { evaluateEntities, newsdeskEntities, parseEntityDocuments } from '../../src/eval/entities.js';
import { understandArticle, understandEvent } from '../../src/understand/index.js';
import { SHARED } from '../shared.js';

/** The entities of an event made of these reports (each a text), in the resolver's order. */
function entitiesOf(...texts: string[]): Entity[] {
  const raws = texts.map((text, i) => ({ id: `n${i}`, source: `names-test:${i}`, format: 'jsonl' as const, title: `Report ${i + 1}`, text, published: '2012-03-01' }));
  const { articles } = cleanArticles(raws);
  return understandEvent(articles.map(understandArticle)).entities;
}

const named = (entities: Entity[], type: Entity['type']) => entities.filter((e) => e.type === type).map((e) => e.name);
const holding = (entities: Entity[], alias: string) => entities.filter((e) => e.aliases.includes(alias));

describe('names found whole', () => {
  it('keeps modifiers, sentence openers and speaker labels out of names', () => {
    const entities = entitiesOf(
      'Officials of the Washington-based International Monetary Fund met on Monday. The International Monetary Fund said it would lend more.\n' +
        'Seventeen United Nations workers died in the quake. The United Nations said its mission was destroyed.\n' +
        'Coverage of the protests was led by San Francisco-based Twitter, the company said.\n' +
        'The anchor had just interviewed opposition leader Mohamed ElBaradei CROWLEY: Joining me now is our correspondent.\n' +
        'CROWLEY: Thank you. Mohamed ElBaradei said he would return to Cairo.',
    );
    const names = entities.map((e) => e.name);
    for (const bad of ['Washington-based International Monetary Fund', 'Seventeen United Nations', 'San Francisco-based Twitter', 'Mohamed ElBaradei Crowley']) {
      expect(names, bad).not.toContain(bad);
    }
    expect(names).toContain('International Monetary Fund');
    expect(names).toContain('Mohamed ElBaradei');
    // The label is a person of its own, not the one named before it.
    expect(holding(entities, 'Mohamed ElBaradei')[0].aliases).not.toContain('CROWLEY');
  });

  it('reads a name the gazetteer knows as a place where the text puts it on a map', () => {
    const entities = entitiesOf(
      'Aid workers in Port au Prince said the airport was full. An orphanage outside Port au Prince was destroyed.\n' +
        'The quake struck south of the capital Port-au-Prince on Tuesday. Rescuers in Port-au-Prince dug through the night.',
    );
    expect(named(entities, 'organization')).not.toContain('Port au Prince');
    expect(holding(entities, 'Port au Prince').map((e) => e.type)).toEqual(['place']);
  });

  it('does not make a place of a word no list knows unless it is written as one', () => {
    const entities = entitiesOf(
      'The virus appears to be susceptible to Roche’s flu drug Tamiflu, doctors said. Tamiflu and Relenza seem effective.\n' +
        'Two drugs, Tamiflu and Relenza, are stockpiled. Most patients recover in Jacmel, a town on the southern coast.',
    );
    expect(named(entities, 'place')).not.toContain('Tamiflu');
  });
});

describe('organisations joined to their short forms', () => {
  it('joins an acronym to the name the reports spell it out with', () => {
    const entities = entitiesOf(
      'The Syrian National Council (SNC) called for foreign help. Human Rights Watch (HRW) said troops fired on crowds.',
      'The SNC, the main opposition group, met in Istanbul. HRW urged restraint, and the Syrian National Council agreed. Human Rights Watch also wrote.',
    );
    expect(holding(entities, 'SNC').map((e) => e.name)).toEqual(['Syrian National Council']);
    expect(holding(entities, 'HRW').map((e) => e.name)).toEqual(['Human Rights Watch']);
  });

  it('does not join an acronym to a name that spells it once, somewhere else', () => {
    const entities = entitiesOf(
      'CNN reported the protests. CNN said crowds grew.',
      'CNN showed the square. Viewers of the Christian News Network saw a sermon.',
      'CNN and the BBC carried the speech live.',
    );
    expect(holding(entities, 'CNN').map((e) => e.name)).toEqual(['CNN']);
  });

  it('makes "Security Council" and "UN Security Council" one organisation, not "Seventeen United Nations" and the UN', () => {
    const entities = entitiesOf(
      'The UN Security Council met on Syria. Russia blocked the Security Council resolution.',
      'Diplomats said the Security Council would vote again. The UN Security Council adjourned.',
    );
    expect(entities.filter((e) => e.type === 'organization' && /Security Council/.test(e.name))).toHaveLength(1);
  });
});

describe('people', () => {
  it('keeps people who share a family name apart, and reads the family name alone as the one the report means', () => {
    const entities = entitiesOf(
      'President Bashar al-Assad spoke in Damascus. Assad said the army would prevail. His father, Hafez al-Assad, ruled for 30 years.',
      'Colonel Riyad al-Asaad, the commander of the Free Syrian Army, spoke from Turkey. Asaad said his men needed weapons.',
      'Bashar al-Assad addressed parliament. Assad blamed foreign plots.',
    );
    const people = named(entities, 'person');
    expect(people).toEqual(expect.arrayContaining(['Bashar al-Assad', 'Hafez al-Assad', 'Riyad al-Asaad']));
    const riyad = holding(entities, 'Riyad al-Asaad')[0];
    expect(riyad.aliases).not.toContain('Assad');
    expect(riyad.roles).not.toContain('President');
    expect(holding(entities, 'Assad').map((e) => e.name)).toEqual(['Bashar al-Assad']);
  });

  it('keeps titles and honorifics out of names and merges the forms they open', () => {
    const entities = entitiesOf(
      'Baroness Valerie Amos, the UN humanitarian chief, visited Homs.',
      'Valerie Amos said aid must reach Homs. Amos met officials in Damascus.',
    );
    const amos = entities.filter((e) => e.type === 'person' && /Amos/.test(e.name));
    expect(amos.map((e) => e.name)).toEqual(['Valerie Amos']);
  });

  it('reads a first name alone as the person the report names with it', () => {
    const entities = entitiesOf(
      'Jermaine Jackson spoke to reporters outside the court. Jermaine said the family wanted answers.',
      'Jermaine Jackson and Randy Jackson arrived together. Jermaine did not speak.',
    );
    expect(holding(entities, 'Jermaine').map((e) => e.name)).toEqual(['Jermaine Jackson']);
  });

  it('reads a role only from the words that name that person', () => {
    const entities = entitiesOf(
      'Dr Conrad Murray, the singer’s physician, was questioned. A spokeswoman for Dr Murray said he was not a suspect.',
      'Muammar Gaddafi, Libya’s leader, met Alexander Lukashenko, the president of Belarus, in Tripoli.',
    );
    expect(holding(entities, 'Conrad Murray')[0].roles).not.toContain('spokeswoman');
    const gaddafi = holding(entities, 'Muammar Gaddafi')[0];
    expect(gaddafi.roles.join(' ')).not.toMatch(/Belarus/);
  });
});

describe('types in context', () => {
  it('makes a team or a company named after a place an organisation there, and keeps the city a place', () => {
    const entities = entitiesOf(
      'Real Madrid beat Liverpool 2-0 at the Santiago Bernabeu on Wednesday. Liverpool had won the first leg.',
      'Fans travelled from Liverpool to Madrid for the match.',
    );
    expect(holding(entities, 'Real Madrid').map((e) => e.type)).toEqual(['organization']);
    expect(entities.some((e) => e.type === 'place' && e.name === 'Madrid')).toBe(true);
  });

  it('finds no names in a standings table or a desk sign-off', () => {
    const entities = entitiesOf(
      'Standings after Sunday’s games.\nW L T GF GA PTS\nToronto 10 2 1 40 20 21\nBoston 9 3 1 35 22 19\n' +
        'Markets were quiet.\n-- New York Commodities Desk +1 212 859 1640',
    );
    expect(entities.map((e) => e.name).filter((n) => /\bGF\b|\bPTS\b|\bW L\b/.test(n))).toEqual([]);
    expect(named(entities, 'person')).toEqual([]);
  });
});

describe('names on news never trained on', () => {
  it('finds the names of the CoNLL-2003 development split as the pipeline reads them: F1 ≥ 0.88, organisations ≥ 0.80', () => {
    const file = path.join(SHARED, 'data/ner/conll2003-dev.jsonl');
    const scores = evaluateEntities(parseEntityDocuments(readFileSync(file, 'utf8'), file), newsdeskEntities);
    expect(scores.mentions.overall.f1).toBeGreaterThanOrEqual(0.88);
    expect(scores.mentions.byType.ORG.f1).toBeGreaterThanOrEqual(0.8);
  });
});
