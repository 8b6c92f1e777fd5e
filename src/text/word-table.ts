// A table of words looked up in place: by the text a word stands in and its offsets, not by a string of its own. The
// text stage and the entity rules read every word of every article, and most words are met again and again: a word met
// before then costs no slice of the text and no string hashing (a Map keyed by the word would need both), and the one
// string kept for it is shared by every reading, its hash computed once for the lookups that follow.

/** Open addressing, kept at most half full; cleared (not grown) once it holds `maxWords` words, so that memory stays bounded. */
export class WordTable<V> {
  private keys: Array<string | undefined>;
  private values: Array<V | undefined>;
  private hashes: Int32Array;
  private count = 0;
  /** The hash of the word last looked up by slotOf, for add. */
  private lastHash = 0;

  constructor(
    private readonly maxWords: number,
    private size = 4096,
  ) {
    this.keys = new Array(size);
    this.values = new Array(size);
    this.hashes = new Int32Array(size);
  }

  /** The slot of the word `text[from, to)`: its own when met before (`keyAt` gives it), else the free slot it would take. */
  slotOf(text: string, from: number, to: number): number {
    let hash = 0;
    for (let k = from; k < to; k++) hash = (Math.imul(hash, 31) + text.charCodeAt(k)) | 0;
    hash = Math.imul(hash ^ (hash >>> 15), 0x2c1b3c6d); // mixed, so that the low bits that pick the slot vary
    hash ^= hash >>> 13;
    this.lastHash = hash;
    return this.probe(text, from, to, hash);
  }

  /** The word in a slot, or undefined when the slot is free. */
  keyAt(slot: number): string | undefined {
    return this.keys[slot];
  }

  valueAt(slot: number): V {
    return this.values[slot] as V;
  }

  /** Adds the word slotOf last looked up and did not find, as the string `key` (its characters), with its value. */
  add(slot: number, key: string, value: V): void {
    const hash = this.lastHash;
    if (this.count >= this.maxWords) {
      this.clear(this.size);
      slot = this.probe(key, 0, key.length, hash);
    } else if (2 * (this.count + 1) > this.size) {
      const { keys, values, hashes } = this;
      this.clear(this.size * 2);
      for (let i = 0; i < keys.length; i++) {
        const k = keys[i];
        if (k !== undefined) this.put(this.probe(k, 0, k.length, hashes[i]), k, values[i] as V, hashes[i]);
      }
      slot = this.probe(key, 0, key.length, hash);
    }
    this.put(slot, key, value, hash);
  }

  private put(slot: number, key: string, value: V, hash: number): void {
    this.keys[slot] = key;
    this.values[slot] = value;
    this.hashes[slot] = hash;
    this.count++;
  }

  private clear(size: number): void {
    this.size = size;
    this.keys = new Array(size);
    this.values = new Array(size);
    this.hashes = new Int32Array(size);
    this.count = 0;
  }

  private probe(text: string, from: number, to: number, hash: number): number {
    const mask = this.size - 1;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const key = this.keys[slot];
      if (key === undefined) return slot;
      if (this.hashes[slot] === hash && key.length === to - from && text.startsWith(key, from)) return slot;
    }
  }
}
