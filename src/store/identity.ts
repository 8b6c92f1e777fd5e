// Which stored article an incoming one is. An input's id alone does not say: two folders both have an index.html,
// two JSONL dumps both number their lines a00000…, and a file read again by another path spelling is the same file.
// So every article carries an origin — its canonical URL when it has one, else the input it was read from (the
// file's real path, whatever spelling named it) with the id that input gave it — and the store keeps it beside the id:
//
//   the same origin            is the same article: its stored id is kept (the content unchanged: nothing to do;
//                              changed: an update);
//   another origin, one id     is another article: it is stored under the id with a suffix hashed from its origin, so
//                              that it gets the same id whatever the order or the run it arrives in;
//   another origin, same text  is the same document read from elsewhere (a copy of the file): one article;
//   a row without an origin    was stored before origins were kept: taken for the same article, as it was then.
import { createHash } from 'node:crypto';
import { realpathSync } from 'node:fs';
import path from 'node:path';
import type { Article, RawArticle } from '../model.js';
import { contentHash } from './hash.js';

/** What the store holds for an id or an origin. */
export interface StoredIdentity {
  id: string;
  origin: string | null;
  hash: string;
}

/** An input file as it was when its articles were queued: read again with the same size and time, it is the same. */
export interface InputVersion {
  /** Its real path. */
  path: string;
  size: number;
  mtimeMs: number;
}

/** An article stored under another id than its input gave, and why. */
export interface Renamed {
  source: string;
  from: string;
  to: string;
}

/** The id an article takes when another article (of another origin) holds its own: stable across runs and orders. */
export function suffixedId(id: string, origin: string): string {
  return `${id}~${createHash('sha1').update(origin).digest('hex').slice(0, 8)}`;
}

/** Query parameters that say how a reader arrived, not which page it is. */
const TRACKING = /^(utm_[a-z]+|fbclid|gclid|dclid|mc_cid|mc_eid|ocid|cmpid|ref|ref_src|smid|sr_share)$/i;

/**
 * A URL as the one page it names: scheme and host in lower case, without the default port, the fragment, tracking
 * parameters or a trailing slash. Null when it is not an http(s) URL (then it identifies nothing).
 */
export function canonicalUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  let u: URL;
  try {
    u = new URL(url.trim());
  } catch {
    return null;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
  u.hash = '';
  for (const k of [...u.searchParams.keys()]) if (TRACKING.test(k)) u.searchParams.delete(k);
  u.searchParams.sort();
  const pathname = u.pathname.length > 1 ? u.pathname.replace(/\/+$/, '') : u.pathname;
  // http and https name one page on news sites; the host with and without www. too. (The URL parser lower-cases the
  // host; a path's case is the site's to decide.)
  return `${u.host.replace(/^www\./, '')}${pathname}${u.search}`;
}

/** The file a raw article was read from, without the line or item its source adds (null for standard input). */
function inputFile(raw: RawArticle): string | null {
  if (raw.source.startsWith('stdin')) return null;
  if (raw.format === 'jsonl') return raw.source.replace(/:\d+$/, '');
  return raw.source.replace(/#item-\d+$/, '');
}

/** Real paths of the inputs, looked up once a file. */
const realPaths = new Map<string, string>();

function realPath(file: string): string {
  let real = realPaths.get(file);
  if (real === undefined) {
    try {
      real = realpathSync(file);
    } catch {
      real = path.resolve(file); // gone since it was read: its absolute spelling still names it
    }
    if (realPaths.size > 10_000) realPaths.clear();
    realPaths.set(file, real);
  }
  return real;
}

/** Where an article comes from, whatever path spelling named its input: its canonical URL, else input and id. */
export function originOf(raw: RawArticle, url: string | null = raw.url ?? null): string {
  const canonical = canonicalUrl(url);
  if (canonical) return canonical;
  const file = inputFile(raw);
  // No NUL: PostgreSQL's text cannot hold one, and the origin is looked up there as it is.
  return `${file === null ? 'stdin' : realPath(file)}#${raw.id}`.replace(/\0/g, '\uFFFD');
}

/**
 * The ids incoming articles take against what the store holds (`stored`: the rows with their ids or origins). Pure:
 * both stores call it, when articles are counted before queueing and again when a job writes them.
 */
export function resolveIdentities(articles: Article[], stored: StoredIdentity[]): { articles: Article[]; renamed: Renamed[] } {
  const byId = new Map(stored.map((s) => [s.id, s]));
  const byOrigin = new Map<string, StoredIdentity[]>();
  for (const s of stored) if (s.origin !== null) byOrigin.set(s.origin, [...(byOrigin.get(s.origin) ?? []), s]);
  const renamed: Renamed[] = [];
  const out = articles.map((a) => {
    const id = storedIdOf(a, byId, byOrigin);
    if (id === a.id) return a;
    if (!byOrigin.has(a.origin!)) renamed.push({ source: a.source, from: a.id, to: id });
    return { ...a, id };
  });
  return { articles: out, renamed };
}

function storedIdOf(a: Article, byId: Map<string, StoredIdentity>, byOrigin: Map<string, StoredIdentity[]>): string {
  if (!a.origin) return a.id;
  const mine = byOrigin.get(a.origin);
  if (mine) return (mine.find((s) => s.id === a.id) ?? mine.find((s) => s.id === suffixedId(a.id, a.origin!)) ?? mine[0]).id;
  const holder = byId.get(a.id);
  if (!holder || holder.origin === null || holder.hash === contentHash(a)) return a.id;
  return suffixedId(a.id, a.origin);
}
