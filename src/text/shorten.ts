// Shortening a sentence to a headline's length by dropping whole clauses from its end (or a subordinate clause from
// its start), never by cutting words mid-phrase: what is left must still be a sentence — it has a finite verb of its
// own, it does not end on a word that opens something ("of", "the", "said"), and a reporting verb keeps its
// complement ("Police said the man was shot", not "Police said the man").
import { countWords } from './tokens.js';

/** Auxiliaries, modals and the reporting and news verbs a lede uses, in finite forms (lower case). */
const FINITE = new Set(
  (
    'is are was were am has have had will would can could may might must shall should did does do ' +
    'says said tells told asks asked calls called warns warned claims claimed ' +
    'died hits kills dies wins loses leads leaves takes gives makes comes goes finds faces plans seeks rises falls ' +
    'meets holds opens closes starts ends signs names returns remains gets sets puts runs sees shows ' +
    'strikes storms flees fires shoots rocks slams urges vows pledges backs rejects denies admits agrees ' +
    'arrests charges sues bans cuts raises launches announces reports confirms reveals accuses blames ' +
    'took gave made came went found left fell rose shot hit won lost met began became held led fled struck stole ' +
    'ran saw got put set sent spent sought brought bought caught taught thought fought built drew grew knew threw ' +
    'withdrew overthrew quit split spread beat bit broke chose drove ate forgave forgot froze hid hung kept laid ' +
    'lay lit meant paid rode rang sank sang sat slept spoke stood stuck swore swept swam tore understood woke wore wrote resist resists'
  ).split(' '),
);
/** -ed words that are rarely a sentence's verb. */
const NOT_VERBS = new Set(['red', 'bed', 'shed', 'hundred', 'speed', 'need', 'seed', 'feed', 'deed', 'bred', 'led', 'fled', 'united', 'related', 'based', 'so-called', 'alleged', 'armed', 'marked']);
const RELATIVE = /^(?:who|whom|whose|which|that)$/i;

/** Whether a word (lower case, bare) is a finite verb form: a known one, or an -ed past that is seldom anything else. */
export function looksFinite(word: string): boolean {
  return FINITE.has(word) || (/^[a-z]{2,}[^e]ed$|^[a-z]{3,}ied$|^[a-z]{2,}[aiou]ed$|^[a-z]{3,}eed$/.test(word) && !NOT_VERBS.has(word)) || /^[a-z]+(?:n['’]t)$/.test(word);
}

/** Whether the text holds a verb that can carry a sentence: a finite form, outside a relative clause ("a man who was shot"). */
export function hasFiniteVerb(text: string): boolean {
  const words = text.replace(/["“”]/g, ' ').split(/\s+/);
  let inRelative = false;
  /** The relative clause has its own verb: a second finite verb, not joined to it nor completing it, is the main one
   * ("The UK firm that insured the gigs has asked …", "Fears that an outbreak could become a pandemic brought …"). */
  let relativeVerb = false;
  let previous = '';
  for (let i = 0; i < words.length; i++) {
    const raw = words[i];
    const word = raw.replace(/^[^\p{L}]+|[^\p{L}'’-]+$/gu, '').toLowerCase().replace(/['’]s$/, '');
    if (RELATIVE.test(word) && i > 0) {
      inRelative = true;
      relativeVerb = false;
    } else if (word && looksFinite(word)) {
      if (!inRelative) return true;
      if (relativeVerb && !AUXILIARY.has(previous) && !JOINING.has(previous)) return true;
      relativeVerb = true;
    }
    if (/[,;]$/.test(raw)) inRelative = false;
    previous = word;
  }
  return false;
}

/** Words after which a finite-looking form completes a verb ("has killed") or joins one ("shot and killed"). */
const AUXILIARY = new Set('is are was were am be been being has have had will would can could may might must shall should did does do not never also'.split(' '));
const JOINING = new Set('and or but nor then'.split(' '));

/** Words a sentence cannot end on: they open a phrase the cut would leave unfinished. */
export const ENDS_OPEN = new Set(
  (
    'a an the of to and or but nor in on at by for with from into onto over under about after before as than ' +
    'that which who whom whose where when while amid his her their its our my your this these those such ' +
    'said says told announced reported added is are was were be been being has have had will would could should can may might must ' +
    'not no very more most some any every each other another including include includes like near between among against ' +
    'late early such in connection'
  ).split(' '),
);
/** A reporting verb: what follows it is what was said, and a cut must leave that a sentence of its own. */
const REPORTING = /^(?:said|says|told|tells|announced|announces|reported|reports|confirmed|confirms|warned|warns|added|stated|claimed|claims|insisted|argued|believe[sd]?|thinks?|thought)$/i;
/** Words that open a clause a headline can do without: the cut goes before them. */
const CLAUSE_OPENERS = /^(?:after|amid|as|while|which|who|whose|where|following|despite|because|since|before|until|when|although|though|whereas|but|saying|adding|according|prompting|leaving|forcing|sparking|raising|bringing|making|killing|injuring|including|in|on|at|for|from|with|near|during|over|outside|inside|across|through|under)$/i;
/** "five days after", "hours before": a span of time that opens a clause. */
const TIME_SPAN = /^(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|several|many|a few|few)$/i;
/** A prefix that opens on one of these and has no comma is a dependent clause alone ("As the plane began its descent."). */
const DEPENDENT_OPENING = /^(?:As|While|After|When|Because|Although|Though|If|Since|Before|Until|Once|Whether|Unless|Now that)\s/u;
/** A prefix that ends inside a list ("… names such as Madonna"). */
const OPEN_LIST = /\b(?:such as|including|like|among them|among)\s+[^,;]+$/iu;

/** Sentence openers of a subordinate clause: "After a two-week trial, a jury convicted …". */
const SUBORDINATE_OPENING = /^(?:After|Amid|As|While|Following|Despite|Although|Though|Since|Because|When|Once|Until|Before|Days after|Hours after|Weeks after|Months after|A day after|In the wake of)\b[^,]{3,120},\s+(?=\S)/u;

/**
 * Whether a sentence is a dependent clause with no main clause after it: no comma, only a predicate after the last
 * one ("When Ros Atkins, a presenter, came back"), or no verb there ("When the ministers met, around the meeting").
 */
export function dependentAlone(text: string): boolean {
  if (!DEPENDENT_OPENING.test(text)) return false;
  const comma = text.lastIndexOf(',');
  if (comma < 0) return true;
  const tail = text.slice(comma + 1).trim();
  const next = tail.split(/\s+/)[0]?.toLowerCase().replace(/[^\p{L}]/gu, '') ?? '';
  return FINITE.has(next) || /^[a-z]{3,}ed$/.test(next) || !hasFiniteVerb(tail);
}

function balanced(text: string): boolean {
  const straight = (text.match(/"/g) ?? []).length;
  const open = (text.match(/[“(]/g) ?? []).length;
  const close = (text.match(/[”)]/g) ?? []).length;
  return straight % 2 === 0 && open === close;
}

/** Whether a prefix can stand as the whole sentence. */
function standsAlone(prefix: string, min: number): boolean {
  if (countWords(prefix) < min || !balanced(prefix)) return false;
  const words = prefix.split(/\s+/);
  const last = words[words.length - 1].replace(/[,;:–—-]+$/, '').toLowerCase();
  if (ENDS_OPEN.has(last) || ENDS_OPEN.has(`${words[words.length - 2]?.toLowerCase()} ${last}`) || /^\d{1,2}$/.test(last)) return false;
  if ((/ing$/.test(last) && last.length > 5) || (last.length === 1 && last !== 'i')) return false;
  if (dependentAlone(prefix) || OPEN_LIST.test(prefix)) return false;
  if (!hasFiniteVerb(prefix)) return false;
  // A reporting verb keeps a complement that is a sentence ("said the man was shot", not "said on Tuesday"), and so
  // does a "that" ("the possibility that Mateen, the 29-year-old gunman" is unfinished).
  for (let i = words.length - 1; i >= 0; i--) {
    const word = words[i].replace(/[^\p{L}]/gu, '');
    if (REPORTING.test(word) || (word === 'that' && i > 0)) return i >= words.length - 1 ? false : hasFiniteVerb(words.slice(i + 1).join(' '));
  }
  return true;
}

/** The longest item of a list ("radio stations, newspapers and leaflets"), in words. */
const LIST_ITEM_WORDS = 3;

/** Whether the words between a comma and an "and" are an item of a list, not a clause: short, no verb, no stop. */
export function isListItem(part: string): boolean {
  return countWords(part) <= LIST_ITEM_WORDS && !hasFiniteVerb(part) && !/[,;:]/.test(part);
}

/** How far after "and" a second clause's verb is looked for. */
const JOINED_CLAUSE_VERB_WITHIN = 6;

/** The places a sentence may be cut, as word indices (the cut goes before that word), latest first. */
export function clauseCuts(text: string): number[] {
  const words = text.split(/\s+/);
  const cuts: number[] = [];
  for (let i = words.length - 1; i >= 2; i--) {
    const before = words[i - 1];
    const word = words[i].replace(/^[^\p{L}\d]+/u, '');
    if (/[,;:]$/.test(before) || /^[–—-]{1,2}$/.test(words[i])) {
      // Not inside a list of names ("WBA, IBF and WBO", "Madonna, Julia Roberts and Bono").
      const next = words.slice(i, i + 6).join(' ').split(/[,;]/)[0];
      // Nor before a list's next item ("… radio stations, newspapers and leaflets"): up to three words, no verb, "and".
      const item = /^(\S+(?:\s+\S+){0,2}?)\s+(?:and|or)\s/.exec(words.slice(i, i + 5).join(' '));
      if (item && isListItem(item[1])) continue;
      if (!(/^\p{Lu}/u.test(before) && /^\p{Lu}/u.test(words[i]) && /\s(?:and|or)\s/.test(` ${next} `))) cuts.push(i);
    } else if (CLAUSE_OPENERS.test(word) && !/^\p{Lu}/u.test(words[i]) && !/^(?:days?|hours?|weeks?|months?|years?|minutes?)$/i.test(before)) cuts.push(i);
    // A second clause joined by "and" or "but" ("… died in the quake in Haiti and another 1.5 million have been made
    // homeless"): it has a finite verb of its own within a few words.
    else if (/^(?:and|but)$/.test(words[i]) && hasFiniteVerb(words.slice(i + 1, i + 1 + JOINED_CLAUSE_VERB_WITHIN).join(' '))) cuts.push(i);
    else if (TIME_SPAN.test(word) && /^(?:days?|hours?|weeks?|months?|years?|minutes?)$/i.test(words[i + 1] ?? '') && /^(?:after|before|later|earlier|ago)\b/i.test(words[i + 2] ?? '')) cuts.push(i);
  }
  return cuts;
}

function ended(prefix: string): string {
  return `${prefix.replace(/[\s,;:–—-]+$/u, '')}.`.replace(/([.!?])\.$/, '$1');
}

/**
 * The sentence cut to at most `max` words at a clause boundary, keeping at least `min`; null when no cut leaves a
 * sentence. A subordinate clause that opens the sentence is dropped first when that is what makes it fit.
 */
export function shortenTo(text: string, max: number, min = 6): string | null {
  const trimmed = text.trim();
  if (countWords(trimmed) <= max && !dependentAlone(trimmed)) return trimmed;
  const candidates = [trimmed];
  const opening = SUBORDINATE_OPENING.exec(trimmed);
  if (opening) {
    const rest = trimmed.slice(opening[0].length);
    // The rest must open on its own subject and verb: "When Ros Atkins, a presenter, came back" has none after its comma.
    if (hasFiniteVerb(rest.split(/,\s/)[0])) candidates.push(rest[0].toUpperCase() + rest.slice(1));
  }
  for (const candidate of candidates) {
    if (countWords(candidate) <= max && !dependentAlone(candidate)) return candidate;
  }
  for (const candidate of candidates) {
    const words = candidate.split(/\s+/);
    for (const cut of clauseCuts(candidate)) {
      const prefix = words.slice(0, cut).join(' ');
      if (countWords(prefix) > max) continue;
      if (standsAlone(prefix, min)) return ended(prefix);
    }
  }
  return null;
}
