// Names in an article: the learned tagger (tagger/) finds most of them — where each name is and whether it is a
// person, an organisation or a place — and the rules (entities.ts) stand where they read structure the tagger, trained
// on Reuters news of 1996, never saw or cannot see:
//   - the curated alias table's names (ISIL, Daesh, "Islamic State of Iraq and the Levant", al-Nusra Front): a name the
//     table knows keeps the table's type, except that a place may be an organisation in context (the table's place
//     "New York" is a team in "New York beat Chicago", a city's name a company's) — the one ambiguity the tagger reads
//     better than a list;
//   - an organisation closed by its head word ("Russian Defense Ministry", "Supreme National Security Council");
//   - a person named after a title, whose title the rules keep out of the name and read as the role ("Iranian Defense
//     Minister Hossein Dehghan"), and names with Arabic particles ("Fahd Jassem al-Freij", "al-Freij"), which the
//     tagger cuts apart;
//   - the role written with every person the tagger found ("Walid al-Muallem, Syria’s foreign minister,").
// Everything else the rules alone found — table headers, bylines, sentence openers, nationalities, a city's name taken
// for a surname — is left out. On the CoNLL-2003 development split the rules alone scored F1 0.68 (organisations
// 0.28), the tagger 0.94 (src/bench/entities-quality.ts).
import type { EntityType, Sentence } from '../model.js';
import { extractMentions, roleOfName, type NameMention } from './entities.js';
import { HONORIFICS, lookupAlias, ORG_HEADS, TITLES } from './lexicon.js';
import { sameNamePart } from '../text/index.js';
import { initialsOf } from './resolve.js';
import { loadEntityModel, tagEntities, type TaggedEntity } from './tagger/index.js';

const TYPE_OF: Partial<Record<TaggedEntity['type'], EntityType>> = { PER: 'person', ORG: 'organization', LOC: 'place' };

/** The index of the sentence holding offset `at` (sentences in text order), or the last one before it. */
function sentenceAt(sentences: Sentence[], at: number): number {
  let lo = 0;
  let hi = sentences.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (sentences[mid].start <= at) lo = mid;
    else hi = mid - 1;
  }
  return Math.max(0, lo);
}

/**
 * A name without the titles opening it ("President Barack Obama" → "Barack Obama"): honorifics always ("Mr", "Dr"),
 * which also make it a person's whatever the tagger said ("Dr Murray" read as an organisation); other titles unless the
 * word is a first name the tagger learned ("Dean Jones"). Organisations and places keep other titles ("General Motors").
 */
function withoutTitles(text: string, span: TaggedEntity, firstNames: ReadonlySet<string>): TaggedEntity {
  let { start, type } = span;
  for (;;) {
    const word = /^[\p{L}.’'-]+\s+/u.exec(text.slice(start, span.end));
    if (!word) break;
    const key = word[0].trim().toLowerCase().replace(/\.$/, '');
    if (HONORIFICS.has(key)) type = 'PER';
    else if (type !== 'PER' || firstNames.has(word[0].trim()) || !TITLES.has(key)) break;
    start += word[0].length;
  }
  return start === span.start ? span : { start, end: span.end, type, text: text.slice(start, span.end) };
}

const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }) => a.start < b.end && b.start < a.end;

/** Words with an Arabic article or patronymic particle ("al-Freij", "bin Laden"'s "bin"): the tagger splits such names. */
const ARABIC_PARTICLE = /(?:^|\s)(?:al|el|ad|as|ash|at|az|ar|an|ul|bin|ibn|abu|abd)[-\s]\p{L}/iu;

/**
 * A rule reading the tagger is not to overrule (see the file's head), with the type it stands for; undefined for the
 * rest. `covering`: the tagger's name that spans it whole (the same span or a longer name: "U.S." in "U.S. Treasuries",
 * "West Bank" read by the rules as a bank), if any — a longer name the tagger read stands over a reading inside it.
 */
function ruleReading(r: NameMention, covering: TaggedEntity | undefined): NameMention | undefined {
  const alias = lookupAlias(r.text);
  const exact = covering && covering.start === r.start && covering.end === r.end;
  if (alias) {
    if (covering && !exact) return undefined;
    // A place named as an organisation (a team, a company) is one there.
    if (alias.type === 'place' && covering && TYPE_OF[covering.type] === 'organization') return undefined;
    return { ...r, type: alias.type };
  }
  if (covering) return undefined;
  const words = r.text.split(/\s+/);
  const last = words[words.length - 1];
  if (r.type === 'organization' && words.length >= 2 && /^\p{Lu}/u.test(last) && ORG_HEADS.has(last.toLowerCase())) return r;
  if (r.type === 'person' && r.role) return r;
  if ((r.type === 'person' || r.type === 'unknown') && ARABIC_PARTICLE.test(r.text)) return r;
  return undefined;
}

/** The names of an article, typed, each with its sentence (and a person's role where the text gives one). */
export function findNames(text: string, sentences: Sentence[]): NameMention[] {
  if (!sentences.length) return [];
  const { firstNames } = loadEntityModel().knowledge;
  const tagged = tagEntities(text).map((t) => withoutTitles(text, t, firstNames));
  const rules = extractMentions(text, sentences);
  const ruleAt = new Map(rules.map((r) => [`${r.start}:${r.end}`, r]));
  const names: NameMention[] = [];
  for (const r of rules) {
    const reading = ruleReading(r, tagged.find((t) => t.start <= r.start && r.end <= t.end));
    // Readings are kept whole and apart: the first of two that overlap (in text order) stands.
    if (reading && !names.some((n) => overlaps(n, reading))) names.push(reading);
  }
  const byRules = names.length;
  for (const t of tagged) {
    const type = TYPE_OF[t.type];
    if (!type || names.slice(0, byRules).some((n) => overlaps(n, t))) continue;
    const sentence = sentenceAt(sentences, t.start);
    const role = type === 'person' ? (ruleAt.get(`${t.start}:${t.end}`)?.role ?? roleOfName(text, sentences[sentence], t.start, t.end)) : undefined;
    names.push({ start: t.start, end: t.end, text: t.text, type, sentence, ...(role ? { role } : {}) });
  }
  // A single word the rules found and the tagger did not call a name (or called a nationality, an event), which is
  // the family name of a person the article names in full: that person, as the resolver will read it ("Freij" after
  // "Fahd Jassem al-Freij").
  const surnames = names.filter((n) => n.type === 'person' && /\s/.test(n.text)).map((n) => n.text.split(/\s+/).pop()!);
  for (const r of rules) {
    if (r.type !== 'unknown' || /\s/.test(r.text) || names.some((n) => overlaps(n, r))) continue;
    if (surnames.some((s) => sameNamePart(s, r.text))) names.push({ ...r, type: 'person' });
  }
  // An acronym the tagger did not read, standing for an organisation the article names in full ("HRW" after "Human
  // Rights Watch"): that organisation, as the resolver will join it.
  const initials = new Set(names.filter((n) => n.type === 'organization').map((n) => initialsOf(n.text)).filter(Boolean));
  for (const r of rules) {
    const acronym = r.text.replace(/\./g, '');
    if (!/^\p{Lu}{2,7}$/u.test(acronym) || !initials.has(acronym) || names.some((n) => overlaps(n, r))) continue;
    names.push({ ...r, type: 'organization' });
  }
  return names.sort((a, b) => a.start - b.start);
}
