// The features that join neighbouring tokens' words or shapes ("w-1|w=new|york", "sh-1|sh|sh+1=Xx|,|Xx"), looked up by
// numbers for the compiled tagger (compiled.ts) rather than by building their names: the names the model knows of each
// family are read back into their parts, the parts numbered (words and shapes apart), and each name filed under a
// number made of its parts' numbers. A part the model never saw in any of them forms no known feature.

/** No feature, or no part: one the model does not know. */
export const NONE = -1;

/** The families, and whether each of their parts is a lower-case word or a compressed shape. */
const COMBINATIONS = {
  previousAndWord: { family: 'w-1|w', parts: ['word', 'word'] },
  wordAndNext: { family: 'w|w+1', parts: ['word', 'word'] },
  twoBefore: { family: 'w-2|w-1', parts: ['word', 'word'] },
  twoAfter: { family: 'w+1|w+2', parts: ['word', 'word'] },
  shapes: { family: 'sh-1|sh|sh+1', parts: ['shape', 'shape', 'shape'] },
  previousShapeAndShape: { family: 'sh-1|sh', parts: ['shape', 'shape'] },
  shapeAndNextShape: { family: 'sh|sh+1', parts: ['shape', 'shape'] },
  previousWordAndShape: { family: 'w-1|sh', parts: ['word', 'shape'] },
  shapeAndNextWord: { family: 'sh|w+1', parts: ['shape', 'word'] },
} as const;

type PartKind = 'word' | 'shape';
export type Combination = keyof typeof COMBINATIONS;

/** The ways to read a feature's value as `count` parts joined by "|": a part may itself hold a "|" (the token "|"), so
 * a name is filed under every reading, each being a way the tagger could build it. */
function readings(value: string, count: number): string[][] {
  if (count === 1) return [[value]];
  const out: string[][] = [];
  for (let bar = value.indexOf('|'); bar >= 0; bar = value.indexOf('|', bar + 1)) {
    for (const rest of readings(value.slice(bar + 1), count - 1)) out.push([value.slice(0, bar), ...rest]);
  }
  return out;
}

/**
 * One family's features by their parts' numbers, in a hash table of typed arrays (open addressing, linear probing):
 * looking a pair up allocates nothing, where a map keyed by a·R + b (past 2³¹ for the word families) made a heap
 * number of every key and hashed it.
 */
class CombinationTable {
  private keys: Int32Array;
  private values: Int32Array;
  private mask: number;
  private size = 0;

  constructor(private readonly partCount: number) {
    this.mask = 15;
    this.keys = new Int32Array(16 * partCount).fill(NONE);
    this.values = new Int32Array(16);
  }

  private static hash(a: number, b: number, c: number): number {
    let h = Math.imul(a ^ 0x5bd1e995, 0x9e3779b1);
    h = Math.imul(h ^ b ^ (h >>> 15), 0x85ebca6b);
    h = Math.imul(h ^ c ^ (h >>> 13), 0xc2b2ae35);
    return (h ^ (h >>> 16)) >>> 0;
  }

  add(parts: number[], id: number): void {
    if ((this.size + 1) * 2 > this.mask + 1) this.grow();
    this.place(parts[0], parts[1], parts[2] ?? 0, id);
  }

  private place(a: number, b: number, c: number, id: number): void {
    const n = this.partCount;
    for (let slot = CombinationTable.hash(a, b, c) & this.mask; ; slot = (slot + 1) & this.mask) {
      const at = slot * n;
      if (this.keys[at] === NONE) {
        this.keys[at] = a;
        this.keys[at + 1] = b;
        if (n === 3) this.keys[at + 2] = c;
        this.values[slot] = id;
        this.size++;
        return;
      }
      // The same parts filed again (two names read into the same parts, through a token "|"): the last one stays.
      if (this.keys[at] === a && this.keys[at + 1] === b && (n === 2 || this.keys[at + 2] === c)) {
        this.values[slot] = id;
        return;
      }
    }
  }

  private grow(): void {
    const { keys, values, partCount: n } = this;
    const slots = (this.mask + 1) * 2;
    this.mask = slots - 1;
    this.keys = new Int32Array(slots * n).fill(NONE);
    this.values = new Int32Array(slots);
    this.size = 0;
    for (let slot = 0; slot < values.length; slot++) {
      const at = slot * n;
      if (keys[at] !== NONE) this.place(keys[at], keys[at + 1], n === 3 ? keys[at + 2] : 0, values[slot]);
    }
  }

  private find(a: number, b: number, c: number): number {
    const n = this.partCount;
    const keys = this.keys;
    for (let slot = CombinationTable.hash(a, b, c) & this.mask; ; slot = (slot + 1) & this.mask) {
      const at = slot * n;
      const key = keys[at];
      if (key === NONE) return NONE;
      if (key === a && keys[at + 1] === b && (n === 2 || keys[at + 2] === c)) return this.values[slot];
    }
  }

  pair(a: number, b: number): number {
    if (a < 0 || b < 0) return NONE;
    return this.find(a, b, 0);
  }

  triple(a: number, b: number, c: number): number {
    if (a < 0 || b < 0 || c < 0) return NONE;
    return this.find(a, b, c);
  }
}

/** The combination features of a model, by family. */
export class CombinationFeatures {
  private readonly words = new Map<string, number>();
  private readonly shapes = new Map<string, number>();
  readonly families = {} as Record<Combination, CombinationTable>;

  /** `featureIndex`: the model's feature names and their numbers. */
  constructor(featureIndex: ReadonlyMap<string, number>) {
    const found: Array<{ combination: Combination; parts: string[]; id: number }> = [];
    const byFamily = new Map<string, Combination>(Object.entries(COMBINATIONS).map(([combination, { family }]) => [family, combination as Combination]));
    for (const [name, id] of featureIndex) {
      const eq = name.indexOf('=');
      const combination = byFamily.get(name.slice(0, eq));
      if (!combination) continue;
      const kinds = COMBINATIONS[combination].parts;
      for (const parts of readings(name.slice(eq + 1), kinds.length)) {
        parts.forEach((part, j) => {
          const numbers = this.numbers(kinds[j]);
          if (!numbers.has(part)) numbers.set(part, numbers.size);
        });
        found.push({ combination, parts, id });
      }
    }
    for (const [combination, { parts }] of Object.entries(COMBINATIONS)) {
      this.families[combination as Combination] = new CombinationTable(parts.length);
    }
    for (const { combination, parts, id } of found) {
      const kinds = COMBINATIONS[combination].parts;
      this.families[combination].add(
        parts.map((part, j) => this.numbers(kinds[j]).get(part)!),
        id,
      );
    }
  }

  private numbers(kind: PartKind): Map<string, number> {
    return kind === 'word' ? this.words : this.shapes;
  }

  /** The number of a lower-case word as a part (NONE when it is part of no known combination). */
  wordPart(lower: string): number {
    return this.words.get(lower) ?? NONE;
  }

  /** The number of a compressed shape as a part (NONE when it is part of no known combination). */
  shapePart(shape: string): number {
    return this.shapes.get(shape) ?? NONE;
  }
}
