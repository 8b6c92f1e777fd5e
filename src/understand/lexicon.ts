// The word lists the understanding stage reads, loaded once from data/ (see data/README.md for their sources).
import type { EntityType } from '../model.js';
import { loadJson } from '../data.js';

interface EntityWords {
  titles: string[];
  ranks: string[];
  honorifics: string[];
  organizationHeads: string[];
  placeHeads: string[];
  particles: string[];
  locativePrepositions: string[];
  connectors: string[];
  calendarWords: string[];
  groupAdjectives: string[];
  sentenceOpeners: string[];
  compoundTitles: string[];
}
const words = loadJson<EntityWords>('entity-words.json');

export const TITLES: ReadonlySet<string> = new Set(words.titles);
export const RANKS: ReadonlySet<string> = new Set(words.ranks);
export const HONORIFICS: ReadonlySet<string> = new Set(words.honorifics);
export const ORG_HEADS: ReadonlySet<string> = new Set(words.organizationHeads);
export const PLACE_HEADS: ReadonlySet<string> = new Set(words.placeHeads);
export const PARTICLES: ReadonlySet<string> = new Set(words.particles);
export const LOCATIVES: ReadonlySet<string> = new Set(words.locativePrepositions);
export const CALENDAR: ReadonlySet<string> = new Set(words.calendarWords);
export const GROUP_ADJECTIVES: ReadonlySet<string> = new Set(words.groupAdjectives);
const OPENERS: ReadonlySet<string> = new Set(words.sentenceOpeners);
export const COMPOUND_TITLES: ReadonlySet<string> = new Set(words.compoundTitles);

/** Capitalised at the start of a sentence, is this (lower-cased) word an ordinary word rather than a name? */
export function isSentenceOpener(lower: string): boolean {
  return OPENERS.has(lower) || COMMON_WORDS.has(lower);
}

/** Conjunctions, adverbs and interjections that open sentences ("But", "When", "Well"): never part of a name or role. */
export function isOpenerWord(lower: string): boolean {
  return OPENERS.has(lower);
}

export const COMMON_WORDS: ReadonlySet<string> = new Set(loadJson<{ words: string[] }>('gazetteer/common-words.json').words);

const placeData = loadJson<{ places: Record<string, { type: string; canonical?: string }>; demonyms: Record<string, string> }>('gazetteer/places.json');
const regions = loadJson<{ places: string[] }>('gazetteer/regions.json').places;

/** Known places by name → canonical name (countries' official names and alternative spellings map to the common name). */
export const PLACES = new Map<string, string>();
for (const [name, p] of Object.entries(placeData.places)) PLACES.set(name, p.canonical ?? name);
for (const name of regions) PLACES.set(name, name);
/** A place's name as the gazetteer's are compared: case, and hyphens or spaces between words, aside. */
export const placeKey = (name: string): string => name.replace(/[\s-]+/g, ' ').toLowerCase();
let placeKeys: Set<string> | undefined;

/** Whether the gazetteer knows a place by this name, however it is cased or hyphenated ("Port au Prince"). */
export function isKnownPlace(name: string): boolean {
  placeKeys ??= new Set([...PLACES.keys()].map(placeKey));
  return placeKeys.has(placeKey(name));
}

/** Countries' canonical names, and the hand-written regions: never a person's name when alone. */
export const COUNTRY_NAMES: ReadonlySet<string> = new Set(Object.entries(placeData.places).filter(([, p]) => p.type === 'country').map(([n, p]) => p.canonical ?? n));
export const REGION_NAMES: ReadonlySet<string> = new Set(regions);
/** Demonyms ("Iranian") → the country ("Iran"): adjectives, not names; they qualify roles and organisations. */
export const DEMONYMS: ReadonlyMap<string, string> = new Map(Object.entries(placeData.demonyms));

export interface AliasEntry {
  name: string;
  type: EntityType;
  aliases: string[];
}
const aliasEntries = loadJson<{ entities: AliasEntry[] }>('aliases.json').entities;

/** Acronyms match as written ("US" is not "us"); other spellings match in any case. */
function aliasKey(s: string): string {
  return /^[A-Z][A-Z.]{1,6}$/.test(s) ? s.replace(/\./g, '') : s.toLowerCase().replace(/^the\s+/, '');
}
const ALIASES = new Map<string, AliasEntry>();
for (const entry of aliasEntries) for (const s of [entry.name, ...entry.aliases]) ALIASES.set(aliasKey(s), entry);

/** The curated entry a name is a spelling of, if any. */
export function lookupAlias(name: string): AliasEntry | undefined {
  return ALIASES.get(aliasKey(name));
}

/** Multi-word aliases that contain lower-case words ("Islamic State of Iraq and the Levant"): found by phrase, before runs are built. */
export const ALIAS_PHRASES: RegExp = (() => {
  const phrases = aliasEntries
    .flatMap((e) => [e.name, ...e.aliases])
    .filter((s) => /\s(?:of|and|the|for|al)\s/.test(` ${s} `) && s.includes(' '))
    .sort((a, b) => b.length - a.length)
    .map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+'));
  return new RegExp(`\\b(?:${phrases.join('|')})\\b`, 'gi');
})();

/** Is this (lower-cased) word usually written in lower case: a common word rather than a name? */
export function isCommonWord(lower: string): boolean {
  return COMMON_WORDS.has(lower);
}
