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

/** One family's features by their parts' numbers: under a·R + b (a·R² + b·R + c for three parts), R the count of the
 * parts after the first (of one kind in every family). */
class CombinationTable {
  private readonly ids = new Map<number, number>();

  constructor(
    private readonly radix: number,
    partCount: number,
  ) {
    if (radix ** partCount > Number.MAX_SAFE_INTEGER) throw new Error('entity model: too many parts to number its combination features');
  }

  add(parts: number[], id: number): void {
    this.ids.set(
      parts.reduce((key, part) => key * this.radix + part),
      id,
    );
  }

  pair(a: number, b: number): number {
    if (a < 0 || b < 0) return NONE;
    return this.ids.get(a * this.radix + b) ?? NONE;
  }

  triple(a: number, b: number, c: number): number {
    if (a < 0 || b < 0 || c < 0) return NONE;
    return this.ids.get((a * this.radix + b) * this.radix + c) ?? NONE;
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
      this.families[combination as Combination] = new CombinationTable(this.numbers(parts[1]).size, parts.length);
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
