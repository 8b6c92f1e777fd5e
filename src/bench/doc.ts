// Sections of docs/benchmarks.md: each benchmark script writes its own section and keeps the others as they stand.

/** Sections that close the document: a section written on its own goes before them. */
const CLOSING = ['## Comparison of outlets', '## Summaries and timelines'];

/** The section under `heading` (a `## ` line) up to the next one, if the document has it. */
export function sectionOf(doc: string, heading: string): string | undefined {
  const at = doc.indexOf(`\n${heading}\n`);
  if (at < 0) return undefined;
  const next = doc.indexOf('\n## ', at + heading.length + 1);
  return doc.slice(at + 1, next >= 0 ? next + 1 : undefined);
}

/** `doc` with the section under `heading` replaced, or put before the closing sections when it has none. */
export function withSection(doc: string, heading: string, section: string): string {
  const at = doc.indexOf(`\n${heading}\n`);
  if (at >= 0) {
    const next = doc.indexOf('\n## ', at + heading.length + 1);
    return `${doc.slice(0, at).trimEnd()}\n\n${section.trimEnd()}\n${next >= 0 ? `\n${doc.slice(next + 1)}` : ''}`;
  }
  const tail = CLOSING.map((h) => doc.indexOf(`\n${h}\n`)).filter((i) => i >= 0);
  if (!tail.length) return `${doc.trimEnd()}\n\n${section}`;
  const cut = Math.min(...tail);
  return `${doc.slice(0, cut).trimEnd()}\n\n${section.trimEnd()}\n\n${doc.slice(cut + 1)}`;
}
