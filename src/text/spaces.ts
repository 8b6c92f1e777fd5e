// The characters JavaScript's \s matches, tested by their code: tokenizers that walk a text character by character
// (the tagger's, the entity rules', the dates' search for a year's word) skip exactly what their patterns' \s would.

/** Whether a UTF-16 unit is white space or a line terminator as \s reads them (no astral character is one). */
export function isSpaceCode(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  if (c < 160) return false;
  return c === 160 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}
