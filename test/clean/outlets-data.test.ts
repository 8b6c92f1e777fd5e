// The shipped outlet registry (data/outlets.json) as data: its shape, no name, spelling or host given to two outlets,
// no spelling that ordinary text would match, and outlets recognised through the real loader by their hosts (archived
// pages included), names and datelines.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cleanArticles, OutletRegistry } from '../../src/clean/index.js';
import { readDateline } from '../../src/clean/credits.js';
import { outletKey, type OutletProfile } from '../../src/clean/registry.js';
import type { RawArticle } from '../../src/model.js';

const file = JSON.parse(readFileSync(new URL('../../data/outlets.json', import.meta.url), 'utf8')) as { outlets: OutletProfile[] };
const outlets = file.outlets;
const KINDS = ['wire agency', 'public broadcaster', 'state-controlled', 'private'];
const spellings = (o: OutletProfile) => [o.name, ...(o.fullName ? [o.fullName] : []), ...(o.aliases ?? [])];

/**
 * Words and abbreviations ordinary text is full of. The matcher ignores case, punctuation and a leading "the", so an
 * outlet spelled so would be read into bare lines, credit lines and datelines ("The Sun" is "sun", "Wis." opens
 * "MILWAUKEE, Wis. —").
 */
const ORDINARY = [
  'sun', 'times', 'post', 'mirror', 'star', 'nation', 'national', 'today', 'express', 'independent', 'metro', 'globe',
  'news', 'herald', 'tribune', 'journal', 'observer', 'chronicle', 'gazette', 'standard', 'record', 'courier', 'examiner',
  'review', 'time', 'hill', 'stuff', 'economist', 'atlantic', 'spectator', 'week', 'age', 'province', 'state', 'paper',
  'press', 'reporter', 'citizen', 'advocate', 'leader', 'sentinel', 'register', 'monitor', 'blade', 'local', 'world',
  'insider', 'punch', 'vanguard', 'mint', 'index', 'scroll', 'slate', 'wave', 'king', 'wish', 'australian', 'namibian',
  'nampa', 'liberation', 'aps', 'bna', 'kfor', 'hina', 'dr', 'st', 'wis', 'kan', 'ala', 'ariz', 'ark', 'calif', 'colo', 'conn', 'fla', 'ill',
  'ind', 'mass', 'mich', 'minn', 'miss', 'mont', 'neb', 'nev', 'okla', 'ore', 'tenn', 'tex', 'wash', 'wyo',
];

describe('data/outlets.json', () => {
  it('parses and lists well over 500 outlets', () => {
    expect(Array.isArray(outlets)).toBe(true);
    expect(outlets.length).toBeGreaterThan(500);
  });

  it('gives every outlet a name, spellings, hosts, a two-letter country and one of the four kinds', () => {
    for (const o of outlets) {
      expect(typeof o.name, JSON.stringify(o)).toBe('string');
      expect(o.name.trim(), JSON.stringify(o)).not.toBe('');
      if (o.fullName !== undefined) expect(typeof o.fullName, o.name).toBe('string');
      expect(Array.isArray(o.aliases) && o.aliases.every((a) => typeof a === 'string' && a.trim() !== ''), o.name).toBe(true);
      expect(Array.isArray(o.hosts) && o.hosts.every((h) => typeof h === 'string'), o.name).toBe(true);
      expect(o.country, o.name).toMatch(/^[A-Z]{2}$/);
      expect(KINDS, o.name).toContain(o.kind);
    }
  });

  it('has no two outlets of one name', () => {
    const seen = new Map<string, string>();
    for (const o of outlets) {
      const k = outletKey(o.name);
      expect(seen.get(k), `${o.name} / ${seen.get(k)}`).toBeUndefined();
      seen.set(k, o.name);
    }
  });

  it('writes hosts in lower case, without scheme, "www." or path, and gives each host to one outlet', () => {
    const owner = new Map<string, string>();
    for (const o of outlets) {
      for (const h of o.hosts ?? []) {
        expect(h, o.name).toMatch(/^[a-z0-9-]+(?:\.[a-z0-9-]+)+$/);
        expect(h.startsWith('www.'), `${h} (${o.name})`).toBe(false);
        expect(owner.get(h), `${h}: ${o.name} / ${owner.get(h)}`).toBeUndefined();
        owner.set(h, o.name);
      }
    }
  });

  it('gives no spelling (name, full name or alias) to two outlets', () => {
    const owner = new Map<string, string>();
    for (const o of outlets) {
      for (const s of spellings(o)) {
        const k = outletKey(s);
        expect(k, `${s} (${o.name})`).not.toBe('');
        const other = owner.get(k);
        expect(other === undefined || other === o.name, `"${s}" is ${o.name} and ${other}`).toBe(true);
        owner.set(k, o.name);
      }
    }
  });

  it('spells no outlet as a common word or an abbreviation that opens datelines', () => {
    const ordinary = new Set(ORDINARY);
    const hits = outlets.flatMap((o) => spellings(o).filter((s) => ordinary.has(outletKey(s))).map((s) => `${s} (${o.name})`));
    expect(hits).toEqual([]);
  });
});

describe('the shipped registry, through the loader', () => {
  const registry = OutletRegistry.load();
  const clean = (raw: Partial<RawArticle>) =>
    cleanArticles([{ id: 'x', source: 'x.jsonl', format: 'jsonl', text: 'Police said a man was shot on Friday night and taken to a hospital.\nNo arrests have been made.', ...raw } as RawArticle], { registry }).articles[0];

  it('knows local US television and newspaper sites by their hosts', () => {
    expect(registry.lookupUrl('https://www.lex18.com/news/crime/shooting-on-south-broadway')?.name).toBe('LEX18');
    expect(registry.lookupUrl('http://www.wkyc.com/story/news/local/cleveland/2016/01/02/x')?.name).toBe('WKYC');
    expect(registry.lookupUrl('http://pittsburgh.cbslocal.com/2015/07/04/x/')?.name).toBe('KDKA-TV');
    expect(registry.lookupUrl('https://www.chicagotribune.com/news/x')?.name).toBe('Chicago Tribune');
    expect(clean({ url: 'https://ktla.com/news/local-news/x' }).outlet).toBe('KTLA');
    // A network of sites is not one outlet: the parent of the stations' subdomains is left unknown.
    expect(registry.lookupUrl('http://cbslocal.com/x')).toBeUndefined();
  });

  it('covers subdomains of a listed host and pages kept by the Wayback Machine', () => {
    expect(registry.lookupUrl('http://news.bbc.co.uk/2/hi/americas/8459461.stm')?.name).toBe('BBC');
    expect(registry.lookupUrl('https://web.archive.org/web/20160206081536/http://www.lex18.com/story/31157453/x')?.name).toBe('LEX18');
    expect(clean({ url: 'http://web.archive.org/web/20150911223615id_/www.wkyc.com/news/x' }).outlet).toBe('WKYC');
  });

  it('knows outlets of other countries by name and says what kind they are', () => {
    expect(registry.lookup('The Associated Press')?.name).toBe('AP');
    expect(registry.lookup('Agence France Presse')?.name).toBe('AFP');
    expect(registry.lookup('Ghana News Agency')).toMatchObject({ country: 'GH', kind: 'wire agency' });
    expect(registry.lookup('The Straits Times')).toMatchObject({ country: 'SG', kind: 'private' });
    expect(registry.lookup('SABC')).toMatchObject({ country: 'ZA', kind: 'public broadcaster' });
    expect(registry.lookupUrl('https://www.thehindu.com/news/x')?.name).toBe('The Hindu');
  });

  it('reads a station credited in its own dateline as the outlet it is, not as an agency', () => {
    const a = clean({ text: 'NASHVILLE, Tenn. (WKRN) – Police are looking for a man who shot a clerk during a robbery on Friday night.\nThe clerk is expected to survive.' });
    expect(a.credits).toContainEqual({ name: 'WKRN-TV', via: 'dateline' });
    expect(a.agencies).toEqual([]);
  });

  it('leaves places and state abbreviations in datelines alone', () => {
    expect(readDateline('NAMPA, Idaho — Police said a man was shot on Friday.', registry)).toMatchObject({ place: 'Nampa', credit: null });
    expect(readDateline('MILWAUKEE, Wis. — Police said a man was shot on Friday.', registry)).toMatchObject({ place: 'Milwaukee', credit: null });
  });
});
