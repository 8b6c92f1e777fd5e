import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadPeers, pickIndexes, type Peer } from '../../src/bench/peers.js';
import { T17 } from '../shared.js';

// A made-up event. Some lines are there to trip the peers' own splitters: abbreviations ("Mr.", "U.S.", "a.m."), a
// heading without a final stop, a quote closing after the stop, a word containing "ECTOR" (which lexrank's tokenizer
// rewrites), a duplicate line.
const EVENT = [
  'Storm cuts power to Lake Orrin',
  'A late-season storm cut power to 40,000 homes around Lake Orrin on Saturday, the regional grid operator said.',
  'Winds of up to 110 km/h brought down lines across the north shore shortly after 4 a.m.',
  'The DIRECTOR of the grid operator, Mr. Hal Brennick, said most homes would be reconnected by Monday evening.',
  '"Crews are working around the clock," Brennick told reporters in Orrin Falls.',
  'Two ferries on Lake Orrin were held in port until the winds eased.',
  'A U.S. weather service office across the border had warned of the storm on Thursday.',
  'Hospitals in Orrin Falls ran on generators and reported no disruption to patients.',
  'Schools on the north shore will stay closed on Monday, the county said.',
  'Insurers expect claims for fallen trees and flooded basements to run into the millions.',
  'The storm moved east over the lake and weakened by Sunday morning.',
  'Residents were asked to report downed lines and to stay away from them.',
];

function expectValidPick(picked: number[], n: number, k: number): void {
  expect(picked).toHaveLength(Math.min(k, n));
  expect(new Set(picked).size).toBe(picked.length);
  for (const i of picked) {
    expect(Number.isInteger(i)).toBe(true);
    expect(i).toBeGreaterThanOrEqual(0);
    expect(i).toBeLessThan(n);
  }
}

/** The haiti topic's lines of 8 to 60 words, as the peer benchmark uses them. */
function haitiLines(): string[] {
  const lines: string[] = [];
  for (const record of readFileSync(`${T17}haiti/articles.jsonl`, 'utf8').split('\n')) {
    if (!record.trim()) continue;
    const { text } = JSON.parse(record) as { text: string };
    for (const line of text.split(/\r?\n/)) {
      const words = line.trim().split(/\s+/).filter(Boolean).length;
      if (words >= 8 && words <= 60) lines.push(line.trim());
    }
  }
  return lines;
}

describe('peer summarisers', () => {
  const builtins = { sign: Math.sign, map: Array.prototype.map, trim: String.prototype.trim, keys: Object.keys };
  let peers: Peer[];
  beforeAll(async () => {
    peers = await loadPeers();
  });

  it('loads ts-textrank and lexrank with their versions', () => {
    expect(peers.map((p) => p.name)).toEqual(['ts-textrank', 'lexrank']);
    expect(peers[0].version).toMatch(/^ts-textrank \d+\.\d+\.\d+$/);
    expect(peers[1].version).toMatch(/^lexrank \d+\.\d+\.\d+$/);
  });

  it('leaves the built-ins as they were (lexrank patches them while it loads and while it runs)', async () => {
    await peers[1].rank(EVENT, 3);
    expect(Math.sign(0)).toBe(0);
    expect(Math.sign).toBe(builtins.sign);
    expect(Array.prototype.map).toBe(builtins.map);
    expect(String.prototype.trim).toBe(builtins.trim);
    expect(Object.keys).toBe(builtins.keys);
    expect('$V' in globalThis).toBe(false);
    expect('compact' in String.prototype).toBe(false);
  });

  it('each peer picks k distinct valid indexes from a dozen sentences', async () => {
    for (const peer of peers) {
      for (const k of [1, 3, 5, 12]) expectValidPick(await peer.rank(EVENT, k), EVENT.length, k);
    }
  });

  it('is deterministic, and copes with k = 0, k > n, duplicates and blank sentences', async () => {
    const messy = [...EVENT, EVENT[1], '', '   ', EVENT[0]];
    for (const peer of peers) {
      expect(await peer.rank(EVENT, 4)).toEqual(await peer.rank(EVENT, 4));
      expect(await peer.rank(EVENT, 0)).toEqual([]);
      expect(await peer.rank([], 3)).toEqual([]);
      expectValidPick(await peer.rank(EVENT, 40), EVENT.length, 40);
      expectValidPick(await peer.rank(messy, messy.length), messy.length, messy.length);
      expectValidPick(await peer.rank(['', ' '], 2), 2, 2);
    }
  });

  it('maps the pieces of a sentence a peer cut in two back to that sentence, once', () => {
    // What ts-textrank returns for EVENT[3] and EVENT[6] (cut after "Mr." and "U.S.", final stops dropped), and what
    // lexrank returns for EVENT[0] (with the " ." the adapter appends) and for EVENT[3] after its "ECTOR" rewrite.
    const units = [
      'A U.S',
      'weather service office across the border had warned of the storm on Thursday.',
      'Hal Brennick, said most homes would be reconnected by Monday evening',
      'The DIR{yourname} of the grid operator, Mr.',
      'Storm cuts power to Lake Orrin .',
      'Two ferries on Lake Orrin were held in port until the winds eased',
    ];
    expect(pickIndexes(units, EVENT, 4)).toEqual([6, 3, 0, 5]);
    expect(pickIndexes(units, EVENT, 6)).toEqual([6, 3, 0, 5, 1, 2]);
    expect(pickIndexes([EVENT[2], EVENT[2], 'no such sentence here'], [EVENT[2], 'x', EVENT[2]], 3)).toEqual([0, 2, 1]);
  });

  it('names the peer when it fails', async () => {
    for (const peer of peers) {
      await expect(peer.rank([null as unknown as string], 1)).rejects.toThrow(peer.name);
      await expect(peer.rank(EVENT, -1)).rejects.toThrow(RangeError);
    }
  });

  it('each peer ranks 300 news sentences', async () => {
    const sentences = haitiLines().slice(0, 300);
    expect(sentences).toHaveLength(300);
    for (const peer of peers) expectValidPick(await peer.rank(sentences, 10), 300, 10);
  });
});
