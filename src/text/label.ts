// What a reader sees for a report in lists and citations: its title, else its first words, never an internal id
// when there is text to show.

/** How many of the first words stand for a report that has no title. */
const LABEL_WORDS = 12;

/** The report's title; without one, its first words (cut at a word, with an ellipsis); without text, its id. */
export function reportLabel(a: { id: string; title?: string | null; text?: string | null }): string {
  if (a.title) return a.title;
  const words = (a.text ?? '').trim().split(/\s+/).filter(Boolean);
  if (!words.length) return a.id;
  return words.length > LABEL_WORDS ? `${words.slice(0, LABEL_WORDS).join(' ')}…` : words.join(' ');
}
