// Text normalisation: make every input look like clean Unicode before any rule reads it.
// Scraped text arrives with mojibake (UTF-8 read as windows-1252: "â€™" for "’"), non-breaking and
// zero-width spaces, soft hyphens, control characters and, in tokenised research corpora, escaped slashes.

/** windows-1252 bytes 0x80–0x9F that map to characters outside Latin-1 (the rest of 0x80–0xFF map to U+0080–U+00FF). */
const CP1252_HIGH: Record<number, string> = {
  0x80: '\u20AC', 0x82: '\u201A', 0x83: '\u0192', 0x84: '\u201E', 0x85: '\u2026', 0x86: '\u2020', 0x87: '\u2021',
  0x88: '\u02C6', 0x89: '\u2030', 0x8a: '\u0160', 0x8b: '\u2039', 0x8c: '\u0152', 0x8e: '\u017D', 0x91: '\u2018',
  0x92: '\u2019', 0x93: '\u201C', 0x94: '\u201D', 0x95: '\u2022', 0x96: '\u2013', 0x97: '\u2014', 0x98: '\u02DC',
  0x99: '\u2122', 0x9a: '\u0161', 0x9b: '\u203A', 0x9c: '\u0153', 0x9e: '\u017E', 0x9f: '\u0178',
};
const CHAR_TO_CP1252 = new Map<string, number>();
for (let b = 0x80; b <= 0xff; b++) CHAR_TO_CP1252.set(CP1252_HIGH[b] ?? String.fromCharCode(b), b);

// A UTF-8 lead byte (0xC2–0xF4) read as windows-1252, followed by one to three continuation bytes (0x80–0xBF) read the same way.
const CONTINUATION = '\\u0080-\\u00BF' + Object.entries(CP1252_HIGH).filter(([b]) => Number(b) <= 0xbf).map(([, c]) => c).join('');
const MOJIBAKE_RUN = new RegExp(`[\\u00C2-\\u00F4][${CONTINUATION}]{1,3}`, 'g');
const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true });

/** Repairs UTF-8 text that was decoded as windows-1252 somewhere upstream. Returns the text and how many runs were repaired. */
export function repairMojibake(text: string): { text: string; repaired: number } {
  let repaired = 0;
  const out = text.replace(MOJIBAKE_RUN, (run) => {
    const bytes = Uint8Array.from(run, (ch) => CHAR_TO_CP1252.get(ch) ?? 0);
    const expected = bytes[0] >= 0xf0 ? 4 : bytes[0] >= 0xe0 ? 3 : 2;
    if (bytes.length < expected) return run;
    try {
      const fixed = STRICT_UTF8.decode(bytes.subarray(0, expected));
      repaired++;
      return fixed + run.slice(expected);
    } catch {
      return run; // not a UTF-8 sequence after all: leave the text as written
    }
  });
  return { text: out, repaired };
}

// Characters that carry no text: zero-width space/joiners, word joiner, BOM, soft hyphen, and C0/C1 controls other than tab and newline.
const INVISIBLE = /[\u200B-\u200D\u2060\uFEFF\u00AD\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;
// Space characters that should read as a plain space: NBSP, narrow NBSP, figure space, en/em spaces, ideographic space.
const ODD_SPACES = /[\u00A0\u202F\u2007\u2000-\u200A\u3000\t]+/g;
// Penn-Treebank escapes left in detokenised corpora: "\/" for "/" and "\*" for "*".
const TREEBANK_ESCAPES = /\\([/*])/g;

/** Normalises a whole text: repairs mojibake, removes invisible characters, folds odd spaces, unifies line breaks, NFC. */
export function normalizeText(text: string): { text: string; repaired: number } {
  const fixed = repairMojibake(text.normalize('NFC'));
  const out = fixed.text
    .replace(/\r\n?/g, '\n')
    .replace(/[\u2028\u2029\u0085]/g, '\n')
    .replace(INVISIBLE, '')
    .replace(ODD_SPACES, ' ')
    .replace(TREEBANK_ESCAPES, '$1');
  return { text: out, repaired: fixed.repaired };
}

/** Splits normalised text into trimmed, non-empty lines with runs of spaces folded. */
export function toLines(text: string): string[] {
  const lines: string[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.replace(/ {2,}/g, ' ').trim();
    if (line) lines.push(line);
  }
  return lines;
}

/** A comparison key for "the same line": case, punctuation and spacing ignored. */
export function lineKey(line: string): string {
  return line.toLowerCase().replace(NOT_WORD, ' ').trim();
}
// Everything but ASCII letters and digits and non-ASCII letters (Latin-1 letters up, less the punctuation, symbol and
// space blocks). Written without Unicode property classes: this runs on every line and /u classes are slow.
const NOT_WORD = /[^a-z0-9\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u1FFF\u2C00-\u2DFF\u3040-\uFE2F\uFE70-\uFEFE\uFF10-\uFFEF]+/g;

/** Is this UTF-16 code unit part of a word (a letter or digit, roughly)? ASCII exactly; beyond it, everything but punctuation and spaces. */
function isWordUnit(c: number): boolean {
  if (c < 0x80) return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
  return c >= 0xc0 && c !== 0xd7 && c !== 0xf7 && !(c >= 0x2000 && c <= 0x2bff) && !(c >= 0x3000 && c <= 0x303f);
}

/** Words in a line: runs of letters and digits ("don't", "U.S." and "al-Freij" count once). A loop, not a regex: it runs on every line. */
export function wordCount(line: string): number {
  let n = 0;
  let inWord = false;
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (isWordUnit(c)) {
      if (!inWord) n++;
      inWord = true;
    } else if (inWord && (c === 39 || c === 0x2019 || c === 46 || c === 45) && i + 1 < line.length && isWordUnit(line.charCodeAt(i + 1))) {
      // an apostrophe, dot or hyphen inside a word keeps it one word
    } else {
      inWord = false;
    }
  }
  return n;
}
