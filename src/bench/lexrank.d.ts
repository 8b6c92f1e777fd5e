// Types for the npm package `lexrank` (1.0.5), which ships none. Only what src/bench/peers.ts uses is declared:
// the package's other export, summarizePage(url, ...), downloads the URL with `request` and is deliberately left out so
// that it cannot be called from TypeScript without a cast.
declare module 'lexrank' {
  /** One ranked unit: the package's own sentence (after its re-splitting), its centrality, its position in its split. */
  export interface LexrankLine {
    weight: number;
    text: string;
    index: number;
  }

  /**
   * Called synchronously, before summarize returns. `err` is `false` on success; `topLines` holds the
   * min(lines, units) best units, ordered by `index` (not by weight); `text` is their texts joined by spaces.
   */
  export type LexrankCallback = (err: unknown, topLines: LexrankLine[], text: string) => void;

  /** Splits `text` into sentences itself and ranks them; throws (TypeError) on an empty or blank text. */
  export function summarize(text: string, lines: number, callback: LexrankCallback): void;
}
