// Name resolution across the articles of an event: which mentions name the same person, organisation or place.
//   - the curated alias table first (ISIL/Daesh, U.S./United States: spellings no similarity can join);
//   - people: full names join when their surnames are one name in transliteration (Dehghan/Dehqan, Freij/al-Freij)
//     and their given names agree (Fahad/Fahd, Jassim/Jassem; "Bashar al-Assad" never joins "Hafez al-Assad");
//   - a surname alone joins the full name in the same article, else the one person of the event with that surname;
//   - a single unknown word joins a place it spells (Teheran → Tehran) or an organisation it shortens
//     (al-Nusra → al-Nusra Front), else takes the type its context suggested, else is dropped.
// Canonical names take, part by part, the spelling most articles use (then most mentions, then the earliest article).
import type { Entity, EntityType } from '../model.js';
import { compatibleGivenName, foldedName, nameSkeleton, plainName, sameNamePart } from '../text/index.js';
import type { NameMention } from './entities.js';
import { COUNTRY_NAMES, DEMONYMS, ORG_HEADS, PLACES, isKnownPlace, lookupAlias, placeKey } from './lexicon.js';
import { loadEntityModel } from './tagger/index.js';

export interface ArticleMentions {
  article: string;
  mentions: NameMention[];
}

interface Cluster {
  type: EntityType;
  /** Fixed name (alias table, gazetteer, organisation) — people get theirs from their spellings. */
  fixedName?: string;
  members: Array<{ article: number; mention: NameMention }>;
  /** The articles its members stand in, and (people) the distinct full names seen. */
  inArticles: Set<number>;
  fullNames: Set<string>;
}

function newCluster(type: EntityType, fixedName?: string): Cluster {
  return { type, fixedName, members: [], inArticles: new Set(), fullNames: new Set() };
}

function add(c: Cluster, item: { article: number; mention: NameMention }): void {
  c.members.push(item);
  c.inArticles.add(item.article);
  if (c.type === 'person' && parts(item.mention.text).length >= 2) c.fullNames.add(titleCase(item.mention.text));
}

/** Name parts of a person, particles kept with the part they precede ("bin Laden" stays two parts). */
/** Split names, remembered: resolution compares every pair of full names, each split again and again otherwise. */
const partsCache = new Map<string, readonly string[]>();
const PARTS_CACHE_SIZE = 50_000;

function parts(name: string): readonly string[] {
  let p = partsCache.get(name);
  if (!p) {
    if (partsCache.size >= PARTS_CACHE_SIZE) partsCache.clear();
    p = name.split(/\s+/).filter(Boolean);
    partsCache.set(name, p);
  }
  return p;
}

function surname(name: string): string {
  const p = parts(name);
  return p[p.length - 1] ?? name;
}

/** Words before a surname that are part of it, not given names ("bin Laden", "van Gogh"). */
const PARTICLE = /^(?:bin|ibn|al|el|van|von|de|da|di|du|del|la|le)$/i;

/** Do two full names (or a full name and a longer one) name one person? */
function samePerson(a: string, b: string): boolean {
  const pa = parts(a);
  const pb = parts(b);
  if (!sameNamePart(pa[pa.length - 1], pb[pb.length - 1])) return false;
  const ga = pa.slice(0, -1).filter((p) => !PARTICLE.test(p));
  const gb = pb.slice(0, -1).filter((p) => !PARTICLE.test(p));
  if (!ga.length || !gb.length) return true;
  // First names must agree (an initial agrees with a name it starts); middle names may be missing on one side.
  const firstAgrees = (x: string, y: string) => compatibleGivenName(x, y) || (/^\p{Lu}\.?$/u.test(x) && plainName(y).startsWith(x[0].toLowerCase())) || (/^\p{Lu}\.?$/u.test(y) && plainName(x).startsWith(y[0].toLowerCase()));
  if (!firstAgrees(ga[0], gb[0])) return false;
  const [short, long] = ga.length <= gb.length ? [ga, gb] : [gb, ga];
  let j = 1;
  for (const part of short.slice(1)) {
    while (j < long.length && !compatibleGivenName(part, long[j])) j++;
    if (j >= long.length) return false;
    j++;
  }
  return true;
}

/** A person's first given name (particles aside), or null when the name is a surname alone ("al Assad"). */
function firstGiven(name: string): string | null {
  const p = parts(name);
  for (let i = 0; i < p.length - 1; i++) if (!PARTICLE.test(p[i])) return p[i];
  return null;
}

const isInitial = (part: string) => /^\p{Lu}\.?$/u.test(part);

/**
 * Keys under which a full name is filed among the people of its surname: its first given name folded, its consonant
 * skeleton, and as an initial or by its first letter. samePerson holds only between names whose first given names
 * share one of these (or when one has none), so the names filed under a name's keys are all it can be the same person as.
 */
function givenKeys(given: string): string[] {
  const plain = plainName(given);
  if (isInitial(given)) return [`f:${foldedName(given)}`, `i:${given[0].toLowerCase()}`];
  return [`f:${foldedName(given)}`, `s:${nameSkeleton(given)}`, `p:${plain[0] ?? ''}`];
}

/** The keys to look up for a name: an initial looks for the names it starts; a name looks for its initial. */
function probeKeys(given: string): string[] {
  if (isInitial(given)) return [`f:${foldedName(given)}`, `p:${given[0].toLowerCase()}`, `i:${given[0].toLowerCase()}`];
  return [`f:${foldedName(given)}`, `s:${nameSkeleton(given)}`, `i:${plainName(given)[0] ?? ''}`];
}

/** Earlier full names compared with a new one at most (see SurnameBucket.find). */
const MAX_NAME_CANDIDATES = 1000;
/** A person's names of three parts or more a new name is checked against at most (see SurnameBucket.fits). */
const MAX_FULLER_NAMES = 50;

/**
 * The people who share a surname skeleton, with their full names filed by given name (givenKeys). Finding whom a new
 * name belongs to then compares it with the few names it could match, not with every name of that surname: an
 * article naming thousands of people called Smith cost minutes, each new name compared with every earlier one.
 */
class SurnameBucket {
  readonly clusters: Cluster[] = [];
  /** Each full name and the earliest cluster holding it. */
  private readonly exact = new Map<string, number>();
  private readonly filed = new Map<string, Array<{ cluster: number; name: string }>>();
  /** Full names without a given name ("al Assad"): they may be anyone of the surname. */
  private readonly surnameOnly: Array<{ cluster: number; name: string }> = [];

  open(cluster: Cluster): void {
    this.clusters.push(cluster);
  }

  /** Files a full name of the cluster at `at` (an index into `clusters`). */
  file(at: number, name: string): void {
    if (this.exact.has(name)) return;
    this.exact.set(name, at);
    if (!foldedName(surname(name))) return; // a surname with no Latin letters: samePerson never holds, only the same name
    const entry = { cluster: at, name };
    const given = firstGiven(name);
    if (!given) {
      this.surnameOnly.push(entry);
      return;
    }
    for (const key of givenKeys(given)) {
      const list = this.filed.get(key);
      if (list) list.push(entry);
      else this.filed.set(key, [entry]);
    }
  }

  /**
   * The index of the earliest cluster that holds `name` or a name samePerson joins to it — what a scan of every
   * cluster in order finds — or -1. Past MAX_NAME_CANDIDATES earlier names that could match (thousands of people
   * with one surname and one first name) the rest are not compared: the cost stays linear.
   */
  find(name: string): number {
    let best = this.exact.get(name) ?? -1;
    if (!foldedName(surname(name))) return best;
    const given = firstGiven(name);
    let compared = 0;
    if (!given) {
      // A surname alone may be anyone of that surname: every earlier person is a candidate.
      const until = best < 0 ? this.clusters.length : best;
      for (let i = 0; i < until; i++) {
        for (const n of this.clusters[i].fullNames) {
          if (++compared > MAX_NAME_CANDIDATES) return best;
          if (samePerson(n, name)) return i;
        }
      }
      return best;
    }
    const candidates = [this.surnameOnly, ...probeKeys(given).map((k) => this.filed.get(k) ?? [])];
    for (const list of candidates) {
      for (const { cluster, name: filedName } of list) {
        if (best >= 0 && cluster >= best) continue;
        if (++compared > MAX_NAME_CANDIDATES) return best;
        if (samePerson(filedName, name) && this.fits(cluster, name)) best = cluster;
      }
    }
    return best;
  }

  /**
   * Whether a full name fits every fuller name a person already has: "Michael Joseph Jackson" and "Michael Katherine
   * Jackson" both fit "Michael Jackson", but not each other — people whose given names differ are different people,
   * whichever shorter name they share.
   */
  private fits(at: number, name: string): boolean {
    const given = parts(name).filter((p) => !PARTICLE.test(p)).length;
    let compared = 0;
    for (const other of this.clusters[at].fullNames) {
      if (given < 3 && parts(other).filter((p) => !PARTICLE.test(p)).length < 3) continue;
      if (++compared > MAX_FULLER_NAMES) break;
      if (!samePerson(other, name)) return false;
    }
    return true;
  }
}

/** Words an acronym skips ("Organisation of the Petroleum Exporting Countries" → OPEC). */
const ACRONYM_SKIPS = /^(?:of|the|and|for|on|in|de|du|des|la|le|&)$/i;

/** The initials of a name of several words: "Syrian National Council" → "SNC"; undefined for one word. */
export function initialsOf(name: string): string | undefined {
  const words = parts(name).filter((w) => !ACRONYM_SKIPS.test(w));
  if (words.length < 2 || words.some((w) => !/^\p{Lu}/u.test(w))) return undefined;
  return words.map((w) => w[0]).join('');
}

/** An acronym as written ("SNC", "U.N.", "HRW"), without its stops; undefined for a word that is none. */
function acronymOf(name: string): string | undefined {
  const bare = name.replace(/\./g, '');
  return /^\p{Lu}{2,7}$/u.test(bare) ? bare : undefined;
}

/**
 * Organisations an event names in short, joined to the one full name they stand for: an acronym to the only
 * organisation whose initials it is (SNC → Syrian National Council, HRW → Human Rights Watch), and a name to the only
 * longer one that ends with it after one more word ("Security Council" → "UN Security Council"). Two candidates
 * ("Health Ministry" beside the Egyptian and the Iraqi one) join neither. The full name names the entity.
 */
function joinShortOrganisationNames(clusters: Cluster[]): void {
  const orgs = clusters.filter((c) => c.type === 'organization' && c.members.length);
  const byInitials = new Map<string, Cluster[]>();
  const bySuffix = new Map<string, Cluster[]>();
  for (const c of orgs) {
    const initials = initialsOf(c.fixedName!);
    if (initials) byInitials.set(initials, [...(byInitials.get(initials) ?? []), c]);
    const p = parts(c.fixedName!);
    if (p.length >= 3) {
      const suffix = p.slice(1).join(' ').toLowerCase();
      bySuffix.set(suffix, [...(bySuffix.get(suffix) ?? []), c]);
    }
  }
  const join = (from: Cluster, into: Cluster) => {
    for (const m of from.members) add(into, m);
    from.members = [];
  };
  // Acronyms first, then short names: "HPA" joins "Health Protection Agency" before that joins "UK Health Protection
  // Agency" (whose initials are others).
  for (const c of orgs) {
    if (!c.members.length) continue;
    const acronym = acronymOf(c.fixedName!);
    const expansions = acronym ? (byInitials.get(acronym) ?? []).filter((x) => x !== c && x.members.length) : [];
    // The reports must spell the acronym out: in half the articles that use it, at least, its expansion is there
    // too. One reader's comment naming a "Christian News Network" does not make every CNN that.
    const shared = (x: Cluster) => [...c.inArticles].filter((a) => x.inArticles.has(a)).length;
    if (expansions.length === 1 && 2 * shared(expansions[0]) >= c.inArticles.size) join(c, expansions[0]);
  }
  for (const c of orgs) {
    if (!c.members.length || acronymOf(c.fixedName!)) continue;
    // "Security Council" is the "UN Security Council" when the word before is a name (an acronym, a place, a
    // nationality), not a word that happened to open a sentence ("Seventeen United Nations workers died").
    const longer = (bySuffix.get(c.fixedName!.toLowerCase()) ?? []).filter((x) => x !== c && x.members.length && namesSomething(parts(x.fixedName!)[0]));
    if (parts(c.fixedName!).length < 2 || longer.length !== 1) continue;
    // The form the reports write most names it ("Associated Press", not the one "US Associated Press").
    const into = longer[0];
    if (c.members.length > into.members.length) into.fixedName = c.fixedName;
    join(c, into);
  }
}

/** A word that is a name of its own: an acronym ("UN"), a country ("Britain"), a nationality ("French"), a known name. */
function namesSomething(word: string): boolean {
  return acronymOf(word) !== undefined || COUNTRY_NAMES.has(PLACES.get(word) ?? '') || DEMONYMS.has(word) || lookupAlias(word) !== undefined;
}

/** The organisation's name without its head word: "al-Nusra Front" → "al-Nusra". */
function withoutHead(name: string): string {
  const p = parts(name);
  return p.length > 1 && ORG_HEADS.has(p[p.length - 1].toLowerCase()) ? p.slice(0, -1).join(' ') : name;
}

/** A name written in capitals ("HOSNI MUBARAK" in a transcript) in title case; acronyms ("TEU", "UNICEF") stay. */
function titleCase(s: string): string {
  // Most names have a lower-case ASCII letter, and are not in capitals: settled without upper-casing them.
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 97 && c <= 122) return s;
  }
  return s === s.toUpperCase() && /\p{Lu}{2}/u.test(s) && (/\s/.test(s) || s.length > 6) ? s.toLowerCase().replace(/(^|[\s-])(\p{L})/gu, (_, a: string, c: string) => a + c.toUpperCase()) : s;
}

/**
 * Each mention's type, with one correction across the event: a place the gazetteer knows, which the event reads as a
 * place at least as often as it reads it as an organisation, is a place everywhere in it — the tagger read "Port-au-
 * Prince" as an organisation a third of the time. Only names of several words (hyphens count): a city's one word is
 * its team's name too, and a sports page reads it as both. Where the event reads a place's name mostly as an organisation (a
 * team's, a company's: "Liverpool" in a report on its matches), each mention keeps its own type.
 */
function placesByMajority(articles: ArticleMentions[]): (m: NameMention) => NameMention['type'] {
  const votes = new Map<string, { place: number; organization: number }>();
  for (const a of articles) {
    for (const m of a.mentions) {
      if (m.type !== 'place' && m.type !== 'organization') continue;
      const k = placeKey(m.text);
      const v = votes.get(k) ?? { place: 0, organization: 0 };
      v[m.type]++;
      votes.set(k, v);
    }
  }
  const places = new Set<string>();
  // Names of one word are left alone: teams are mostly named by their city's one word ("Leeds 2 Chelsea 1").
  for (const [k, v] of votes) if (k.includes(' ') && v.organization && v.place >= v.organization && isKnownPlace(k)) places.add(k);
  return (m) => (m.type === 'organization' && places.has(placeKey(m.text)) ? 'place' : m.type);
}

/**
 * Whether a place is one: a single word no list knows (not the gazetteer, the regions, the alias table, the tagger's
 * names) must be written after a preposition of place somewhere in the event ("in Jacmel"), or as a dateline's — the tagger reads brands and words in
 * capitals as places ("Tamiflu", the "Pop" of "King of Pop"). Other clusters are what they are.
 */
function placeInEvidence(c: Cluster): boolean {
  if (c.type !== 'place' || /\s/.test(c.fixedName!) || PLACES.has(c.fixedName!) || lookupAlias(c.fixedName!)) return true;
  // Places the tagger met as places in its training news ("Turkey", "Yugoslavia": the gazetteer has today's names).
  if (loadEntityModel().knowledge.names.get(c.fixedName!)?.includes('LOC')) return true;
  // A dateline's place ("TAVILDARA, Tajikistan"), in capitals.
  return c.members.some((m) => m.mention.placed || /^\p{Lu}[\p{Lu}'’-]+$/u.test(m.mention.text));
}

/** The event's entities, and the entity each mention was resolved to (unresolved single words are left out). */
export function resolveEntities(articles: ArticleMentions[]): { entities: Entity[]; entityOf: Map<NameMention, Entity> } {
  const clusters: Cluster[] = [];
  const byFixed = new Map<string, Cluster>(); // `${type}:${lower name}` → cluster
  const people: Cluster[] = [];
  // People indexed by their surname's skeleton: names only ever match within one skeleton, so lookups stay small.
  const bySurname = new Map<string, SurnameBucket>();
  const surnameKey = (name: string) => nameSkeleton(surname(name));
  const pending: Array<{ article: number; mention: NameMention }> = [];
  const fullNames: Array<{ article: number; mention: NameMention }> = [];
  const typeOf = placesByMajority(articles);

  const fixed = (type: EntityType, name: string): Cluster => {
    const k = `${type}:${name.toLowerCase()}`;
    let c = byFixed.get(k);
    if (!c) {
      c = newCluster(type, name);
      byFixed.set(k, c);
      clusters.push(c);
    }
    return c;
  };

  // Pass 1: typed mentions. Aliases and gazetteer names are fixed; people cluster by name.
  articles.forEach((a, ai) => {
    for (const m of a.mentions) {
      const alias = lookupAlias(m.text);
      // The alias table names the entity unless the text made it another kind: "New York" beat "Chicago" is a team,
      // an organisation, though the table knows New York as a place.
      if (alias && (typeOf(m) === 'unknown' || typeOf(m) === alias.type)) {
        add(fixed(alias.type, alias.name), { article: ai, mention: m });
        continue;
      }
      // One-word places and organisations wait for pass 2: a word read as one may be the family name of a person the
      // article names in full ("the Mubarak regime"), or another spelling of a place the gazetteer knows ("Teheran").
      if (typeOf(m) === 'place' && parts(m.text).length >= 2) {
        add(fixed('place', PLACES.get(m.text) ?? titleCase(m.text)), { article: ai, mention: m });
        continue;
      }
      if (typeOf(m) === 'organization' && parts(m.text).length >= 2) {
        add(fixed('organization', titleCase(m.text)), { article: ai, mention: m });
        continue;
      }
      if (typeOf(m) === 'person' && parts(m.text).length >= 2) {
        fullNames.push({ article: ai, mention: m });
        continue;
      }
      pending.push({ article: ai, mention: m });
    }
  });
  // People by their full names, the names written most often first: a person's cluster is then grown from the names
  // the event gives most, and a name written once that conflicts with them ("Michael Katherine Jackson", a list of
  // children misread, beside "Michael Joseph Jackson") starts a cluster of its own instead of claiming the person.
  const written = new Map<string, number>();
  for (const { mention } of fullNames) written.set(titleCase(mention.text), (written.get(titleCase(mention.text)) ?? 0) + 1);
  const byUse = fullNames.map((item, i) => ({ item, i, uses: written.get(titleCase(item.mention.text))! })).sort((a, b) => b.uses - a.uses || a.i - b.i);
  for (const { item } of byUse) {
    const name = titleCase(item.mention.text);
    const k = surnameKey(name);
    let bucket = bySurname.get(k);
    if (!bucket) bySurname.set(k, (bucket = new SurnameBucket()));
    let at = bucket.find(name);
    if (at < 0) {
      const c = newCluster('person');
      people.push(c);
      clusters.push(c);
      bucket.open(c);
      at = bucket.clusters.length - 1;
    }
    add(bucket.clusters[at], item);
    bucket.file(at, name);
  }

  // Pass 2: single names. A person's surname (same article first), a place's spelling, an organisation's short form.
  // One-word places by skeleton, organisations by their name without its head: the lookups for single names.
  const placesBySkeleton = new Map<string, Cluster[]>();
  for (const c of clusters) {
    if (c.type !== 'place' || /\s/.test(c.fixedName!)) continue;
    const k = nameSkeleton(c.fixedName!);
    placesBySkeleton.set(k, [...(placesBySkeleton.get(k) ?? []), c]);
  }
  const orgsByShortName = new Map<string, Cluster>();
  for (const c of clusters) if (c.type === 'organization') orgsByShortName.set(plainName(withoutHead(c.fixedName!)), c);
  const singles = new Map<string, Cluster>(); // people named by one word only, by that word
  const placeCluster = (name: string): Cluster => {
    const c = fixed('place', name);
    if (!/\s/.test(name)) {
      const k = nameSkeleton(name);
      const list = placesBySkeleton.get(k) ?? [];
      if (!list.includes(c)) placesBySkeleton.set(k, [...list, c]);
    }
    return c;
  };
  // Round 1: a person's surname (same article first), else a name the gazetteer knows — so that in round 2 every
  // known place is there for its variant spellings to join, whatever the order the articles came in.
  const rest: typeof pending = [];
  // The people a word may be the surname of depend on the word and the full names known, which only grow when a
  // mention of two words or more joins a person here: remembered per word until then, so that a surname written ten
  // thousand times is looked up once, not compared with every full name each time.
  const surnameOf = new Map<string, Cluster[]>();
  // The inner parts of people's names of three parts or more, filed by spelling and skeleton (the keys sameNamePart
  // needs one of to hold), for the first part of a compound surname ("Jaberi" for Hossein Jaberi Ansari).
  const innerParts = new Map<string, Array<{ person: number; part: string }>>();
  const fileInnerParts = (person: number, name: string) => {
    const p = parts(name);
    for (const part of p.slice(1, -1)) {
      const folded = foldedName(part);
      if (!folded) continue;
      for (const key of [`f:${folded}`, `s:${nameSkeleton(part)}`]) {
        const list = innerParts.get(key);
        if (list) list.push({ person, part });
        else innerParts.set(key, [{ person, part }]);
      }
    }
  };
  people.forEach((c, i) => {
    for (const n of c.fullNames) fileInnerParts(i, n);
  });
  /** The people (in order) with an inner name part that is `word`. */
  const innerPartOf = (word: string): Cluster[] => {
    const found = new Set<number>();
    for (const key of [`f:${foldedName(word)}`, `s:${nameSkeleton(word)}`]) {
      for (const { person, part } of innerParts.get(key) ?? []) if (!found.has(person) && sameNamePart(part, word)) found.add(person);
    }
    return [...found].sort((a, b) => a - b).map((i) => people[i]);
  };
  // People by their first given name, for a person called by it alone ("Michael" in coverage of Michael Jackson,
  // "Jermaine" beside "Jermaine Jackson"): a word no one bears as a surname, or one the tagger learned as a first name.
  // A name written once ("thank God Keith Olbermann's…" read as one name) lends no one its first word.
  const byGiven = new Map<string, Cluster[]>();
  for (const c of people) {
    for (const n of c.fullNames) {
      const given = parts(n).find((p) => !PARTICLE.test(p) && !isInitial(p));
      if (!given || (written.get(n) ?? 0) < 2) continue;
      const list = byGiven.get(plainName(given)) ?? [];
      if (!list.includes(c)) byGiven.set(plainName(given), [...list, c]);
    }
  }
  const { firstNames } = loadEntityModel().knowledge;
  // How often each word is written as a place's or an organisation's name.
  const otherwise = new Map<string, number>();
  for (const { mention } of pending) if (typeOf(mention) === 'place' || typeOf(mention) === 'organization') otherwise.set(titleCase(mention.text), (otherwise.get(titleCase(mention.text)) ?? 0) + 1);
  for (const item of pending) {
    const word = titleCase(item.mention.text);
    let matches = surnameOf.get(word);
    if (!matches) {
      matches = (bySurname.get(nameSkeleton(word))?.clusters ?? []).filter((c) => [...c.fullNames].some((n) => sameNamePart(surname(n), word)));
      if (!matches.length && plainName(word).length >= 5) matches = innerPartOf(word);
      surnameOf.set(word, matches);
    }
    // A first name alone is the person the article names with it, else the event's most prominent person of that
    // first name — when no one bears it as a surname in the article ("Michael" beside "Alun Michael" elsewhere).
    if ((typeOf(item.mention) === 'person' || typeOf(item.mention) === 'unknown') && (firstNames.has(word) || !matches.length)) {
      const given = byGiven.get(plainName(word)) ?? [];
      const givenHere = given.filter((c) => c.inArticles.has(item.article));
      if (givenHere.length && !matches.some((c) => c.inArticles.has(item.article))) matches = givenHere;
      else if (!matches.some((c) => c.inArticles.has(item.article))) matches = [...new Set([...matches, ...given])];
    }
    // A word of unknown kind, or a person's, is the surname of the person of the event it names. A word read as a
    // place or an organisation is a person's surname in an article that names that person in full ("the Mubarak
    // regime" in a report on Hosni Mubarak), or where the event names that person far more often than it uses the
    // word otherwise ("Obama" in coverage of Barack Obama, though a town in Japan bears the name).
    const typedOtherwise = typeOf(item.mention) !== 'person' && typeOf(item.mention) !== 'unknown';
    const inArticle = matches.filter((c) => c.inArticles.has(item.article));
    if (typedOtherwise && !inArticle.length) matches = matches.filter((c) => c.members.length >= 2 * (otherwise.get(word) ?? 0));
    else if (typedOtherwise) matches = inArticle;
    // A word the gazetteer knows as a place ("Jackson", "Obama") is the person's surname only where the article
    // names that person in full; elsewhere it is the place.
    const placeWord = typeOf(item.mention) === 'unknown' && item.mention.hint === 'place' && PLACES.has(word);
    const chosen = inArticle.length ? inArticle : placeWord ? [] : matches;
    if (chosen.length) {
      // The one with the most mentions, the earliest of those (a scan: `matches` is remembered and must keep its order).
      let most = chosen[0];
      for (const c of chosen) if (c.members.length > most.members.length) most = c;
      const grows = most.type === 'person' && parts(item.mention.text).length >= 2 && !most.fullNames.has(titleCase(item.mention.text));
      add(most, item);
      if (grows) {
        surnameOf.clear();
        fileInnerParts(people.indexOf(most), titleCase(item.mention.text));
      }
    } else if ((typeOf(item.mention) === 'place' || (typeOf(item.mention) === 'unknown' && item.mention.hint === 'place')) && PLACES.has(word)) {
      add(placeCluster(PLACES.get(word)!), item);
    } else {
      rest.push(item);
    }
  }
  // Round 2: a place's spelling, an organisation's short form, else the type the context suggested.
  for (const item of rest) {
    const word = titleCase(item.mention.text);
    const kind = typeOf(item.mention);
    const place = kind === 'place' || kind === 'unknown' ? (placesBySkeleton.get(nameSkeleton(word)) ?? []).find((c) => sameNamePart(c.fixedName!, word)) : undefined;
    if (place) {
      add(place, item);
      continue;
    }
    const org = kind === 'organization' || kind === 'unknown' ? orgsByShortName.get(plainName(word)) : undefined;
    if (org) {
      add(org, item);
      continue;
    }
    const type: EntityType | undefined = kind === 'unknown' ? item.mention.hint : kind;
    if (type === 'person') {
      // A person named only by one word: joins others named the same.
      let c = singles.get(plainName(word));
      if (!c) {
        c = newCluster('person');
        singles.set(plainName(word), c);
        clusters.push(c);
      }
      add(c, item);
    } else if (type === 'place') {
      add(placeCluster(PLACES.get(word) ?? word), item);
    } else if (type) {
      add(fixed(type, word), item);
    }
  }

  joinShortOrganisationNames(clusters);

  // Names, aliases, roles, counts.
  const entities: Entity[] = [];
  const membersOf = new Map<Entity, Cluster['members']>();
  const writtenOpening = openingCounts(written);
  for (const c of clusters) {
    if (!c.members.length || !placeInEvidence(c)) continue;
    const name = c.fixedName ?? personName(c, writtenOpening);
    const roleCount = new Map<string, number>();
    for (const { mention } of c.members) {
      if (mention.role && c.type === 'person') roleCount.set(mention.role.replace(/\s+/g, ' '), (roleCount.get(mention.role) ?? 0) + 1);
    }
    const entity: Entity = {
      name,
      type: c.type,
      aliases: [...new Set([name, ...c.members.map((x) => x.mention.text)])],
      roles: [...roleCount].sort((a, b) => b[1] - a[1]).map(([r]) => r),
      mentions: c.members.length,
      articles: [...new Set(c.members.map((x) => articles[x.article].article))],
    };
    entities.push(entity);
    membersOf.set(entity, c.members);
  }
  // Two clusters may land on one name and type (an alias and a gazetteer spelling): merge them. A name of two types
  // ("New York" the team and the city) stays two entities, and each mention keeps the one of its type.
  const merged = new Map<string, Entity>();
  const entityOf = new Map<NameMention, Entity>();
  for (const e of entities) {
    const k = `${e.type}:${e.name}`;
    const prev = merged.get(k);
    for (const { mention } of membersOf.get(e)!) entityOf.set(mention, prev ?? e);
    if (!prev) merged.set(k, e);
    else {
      prev.aliases = [...new Set([...prev.aliases, ...e.aliases])];
      prev.roles = [...new Set([...prev.roles, ...e.roles])];
      prev.mentions += e.mentions;
      prev.articles = [...new Set([...prev.articles, ...e.articles])];
    }
  }
  const list = [...merged.values()].sort((a, b) => b.mentions - a.mentions || b.articles.length - a.articles.length || a.name.localeCompare(b.name));
  return { entities: list, entityOf };
}

/** The parts of a name that are not initials: "Ben S. Bernanke" is no fuller a name than "Ben Bernanke". */
const namedParts = (name: string) => parts(name).filter((p) => !isInitial(p)).length;

/** For each name and each run of its first words (cut at a space), how often the event writes a full name that is it
 * or opens with it: "Michael Joseph Jackson" counts for "Michael Joseph Jackson Jr" too. Made once an event, where
 * looking each form up in every written name made naming its people quadratic. */
function openingCounts(written: ReadonlyMap<string, number>): Map<string, number> {
  const counts = new Map<string, number>();
  const count = (key: string, n: number) => counts.set(key, (counts.get(key) ?? 0) + n);
  for (const [name, n] of written) {
    count(name, n);
    for (let space = name.indexOf(' '); space >= 0; space = name.indexOf(' ', space + 1)) count(name.slice(0, space), n);
  }
  return counts;
}

/**
 * A person's canonical name: the fullest form seen (initials aside), the one the event writes most where several are
 * as full — counting where it opens a longer name ("Michael Joseph Jackson Jr" writes "Michael Joseph Jackson") —
 * each part spelled as most articles spell it (then most mentions, then the earliest article). The surname's spelling
 * counts the surname-only mentions too, "al-" and all. `writtenOpening`: for a name, how often the event writes a
 * person's full name that is it or opens with it (openingCounts, names in title case).
 */
function personName(c: Cluster, writtenOpening: ReadonlyMap<string, number>): string {
  const full = c.members.filter((x) => parts(x.mention.text).length >= 2);
  const source = full.length ? full : c.members;
  // Each form counted once (counting inside the sort made a name mentioned 10,000 times in an event cost minutes).
  const uses = new Map<string, number>();
  for (const x of source) uses.set(x.mention.text, (uses.get(x.mention.text) ?? 0) + 1);
  const support = (form: string) => writtenOpening.get(titleCase(form)) ?? 0;
  // A fuller form counts when the event writes it more than once: one misread list ("Paris Michael Katherine
  // Jackson", a child's name) must not rename the person.
  const forms = [...uses.keys()];
  const supported = new Map(forms.map((f) => [f, support(f)]));
  const eligible = forms.filter((f) => supported.get(f)! >= 2 || namedParts(f) <= 2);
  const pool = eligible.length ? eligible : forms;
  const most = Math.max(...pool.map(namedParts));
  const fullest = pool.filter((f) => namedParts(f) === most).sort((a, b) => supported.get(b)! - supported.get(a)! || uses.get(b)! - uses.get(a)! || parts(b).length - parts(a).length)[0];
  const template = parts(titleCase(fullest));
  return template
    .map((part, i) => {
      const last = i === template.length - 1;
      const spellings = new Map<string, { articles: Set<number>; count: number; first: number }>();
      for (const { article, mention } of c.members) {
        const p = parts(titleCase(mention.text));
        const candidates = last ? [p[p.length - 1]] : p.length >= 2 ? p.slice(0, -1) : [];
        for (const cand of candidates) {
          if (!sameNamePart(cand, part)) continue;
          const s = spellings.get(cand) ?? { articles: new Set<number>(), count: 0, first: article };
          s.articles.add(article);
          s.count++;
          s.first = Math.min(s.first, article);
          spellings.set(cand, s);
        }
      }
      // The surname written with its article ("al-Assad") is the fuller spelling, as the fullest form is the template.
      const withArticle = (x: string) => (last && /^(?:al|el|ad|as|ash|at|az|ar|an|ul)-/i.test(x) ? 1 : 0);
      const best = [...spellings].sort((a, b) => withArticle(b[0]) - withArticle(a[0]) || b[1].articles.size - a[1].articles.size || b[1].count - a[1].count || a[1].first - b[1].first)[0];
      return best ? best[0] : part;
    })
    .join(' ');
}
