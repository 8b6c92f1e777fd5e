// The outlet registry: which names, spellings and web hosts belong to which outlet, and what kind of outlet it is.
// Kept as data (data/outlets.json); a user's own file of the same shape extends or overrides it.
import { readFileSync } from 'node:fs';
import { loadJson } from '../data.js';
import type { OutletKind } from '../model.js';

export type { OutletKind } from '../model.js';

export interface OutletProfile {
  name: string;
  fullName?: string;
  aliases?: string[];
  hosts?: string[];
  country?: string;
  kind?: OutletKind;
}

/** Case, punctuation, a leading "the" and spacing ignored: "The Associated Press" ≡ "associated press". */
export function outletKey(name: string): string {
  return name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/^the\s+/, '')
    .replace(/[^a-z0-9]+/g, '');
}

/**
 * The page an archive link keeps: "https://web.archive.org/web/20160206081536/http://www.lex18.com/story/…" is a
 * page of lex18.com (the Wayback Machine's "…id_/", "…im_/" forms and a missing scheme included). Other URLs as given.
 */
export function originalUrl(url: string): string {
  const m = /^https?:\/\/(?:web\.)?archive\.org\/web\/\d{1,14}[a-z_]*\/(.+)$/i.exec(url.trim());
  if (!m) return url;
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(m[1]) ? m[1] : `http://${m[1]}`;
}

/** The web host of a URL (an archived page's own host), without "www."; null when it is not a URL. */
export function hostOf(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    return new URL(originalUrl(url)).hostname.toLowerCase().replace(/^www\./, '') || null;
  } catch {
    return null;
  }
}

export class OutletRegistry {
  private readonly byKey = new Map<string, OutletProfile>();
  private readonly byHost = new Map<string, OutletProfile>();
  /** Every profile added, in order: adding them again in that order rebuilds the registry. */
  private readonly added: OutletProfile[] = [];

  constructor(profiles: OutletProfile[] = []) {
    for (const p of profiles) this.add(p);
  }

  /** Adds a profile; a later profile with the same name replaces the earlier one whole (spellings and hosts too). */
  add(profile: OutletProfile): void {
    this.added.push(profile);
    const earlier = this.byKey.get(outletKey(profile.name));
    if (earlier && outletKey(earlier.name) === outletKey(profile.name)) {
      for (const [k, p] of this.byKey) if (p === earlier) this.byKey.delete(k);
      for (const [h, p] of this.byHost) if (p === earlier) this.byHost.delete(h);
    }
    for (const n of [profile.name, profile.fullName, ...(profile.aliases ?? [])]) {
      if (n) this.byKey.set(outletKey(n), profile);
    }
    for (const h of profile.hosts ?? []) this.byHost.set(h.toLowerCase().replace(/^www\./, ''), profile);
  }

  /** What rebuilds this registry elsewhere (a worker thread): `new OutletRegistry(r.profiles())` looks up the same. */
  profiles(): OutletProfile[] {
    return [...this.added];
  }

  /** The profile a name or spelling refers to. */
  lookup(name: string): OutletProfile | undefined {
    const key = outletKey(name);
    return key ? this.byKey.get(key) : undefined;
  }

  /** The profile a URL's host (or any parent domain of it) belongs to. */
  lookupUrl(url: string): OutletProfile | undefined {
    const host = hostOf(url);
    if (!host) return undefined;
    for (let h = host; h.includes('.'); h = h.slice(h.indexOf('.') + 1)) {
      const hit = this.byHost.get(h);
      if (hit) return hit;
    }
    return undefined;
  }

  /** The registry shipped in data/outlets.json, extended by the users' own files (same shape). */
  static load(extraFiles: string[] = []): OutletRegistry {
    const registry = new OutletRegistry(loadJson<{ outlets: OutletProfile[] }>('outlets.json').outlets);
    for (const file of extraFiles) {
      const parsed = JSON.parse(readFileSync(file, 'utf8')) as { outlets?: OutletProfile[] };
      if (!Array.isArray(parsed.outlets)) throw new Error(`${file}: an outlet registry needs an "outlets" array`);
      for (const p of parsed.outlets) registry.add(p);
    }
    return registry;
  }
}
