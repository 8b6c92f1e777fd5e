// A report is shown by its title, else its first words, never by its id when it has text.
import { describe, expect, it } from 'vitest';
import { reportLabel } from '../../src/text/label.js';

describe('reportLabel', () => {
  it('shows the title when there is one', () => {
    expect(reportLabel({ id: 'a00433', title: 'Flood closes bridges', text: 'The river burst its banks.' })).toBe('Flood closes bridges');
  });
  it('shows the first words of an untitled report, cut at a word', () => {
    const text = 'The river burst its banks on Monday, closing three bridges in the lower town of Kingsford and forcing hundreds to leave.';
    expect(reportLabel({ id: 'a00433', title: null, text })).toBe('The river burst its banks on Monday, closing three bridges in the…');
    expect(reportLabel({ id: 'a00433', title: null, text: 'The dam held.' })).toBe('The dam held.');
  });
  it('falls back to the id only when there is no text', () => {
    expect(reportLabel({ id: 'a00433', title: null, text: '' })).toBe('a00433');
  });
});
