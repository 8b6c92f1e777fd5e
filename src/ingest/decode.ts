// Bytes → text for .txt, .html and feed files.
//
// Why these rules, in this order:
//  1. A byte-order mark is the writer telling us the encoding, so it wins over any guess.
//  2. Binary files (PDFs, archives, images renamed .txt) must be refused rather than turned into garbage articles.
//     Known signatures are checked first; then UTF-16 without a BOM (common from Windows tools: Latin-script UTF-16
//     has a NUL in every other byte, which no real text file has otherwise), whose result must still look like
//     text; then NUL bytes, or more than 10% control bytes other than \t \n \r \f.
//  3. Bytes that are valid UTF-8 are UTF-8: legacy text with accented letters is almost never valid UTF-8 by chance.
//  4. A charset declared by the document (HTML <meta charset>, XML encoding="…") is used next; it comes after the
//     UTF-8 check because pages that declare iso-8859-1 but are really UTF-8 are common.
//  5. Otherwise chardet guesses, restricted to the single-byte code pages news is written in (and the CJK multi-byte
//     ones, only when chardet is sure): a guess whose decoding yields C1 controls or U+FFFD is passed over.
//
// windows-1252 is decoded with our own table: Node 20's TextDecoder('windows-1252') decodes 0x80–0x9F as C1 controls
// (ISO-8859-1), which would turn the curly quotes of every Western legacy text into invisible characters.
import { isUtf8 } from 'node:buffer';
import chardet from 'chardet';

export type DecodeResult = { text: string; encoding: string } | { error: string };

/** How many bytes chardet and the binary check look at: enough to be sure, cheap on a 10 MB file. */
const SAMPLE_BYTES = 64 * 1024;

/** Share of control bytes above which a file is binary. */
const MAX_CONTROL_SHARE = 0.1;

/** The 32 code points of windows-1252 at 0x80–0x9F (WHATWG: undefined bytes map to the C1 control of the same value). */
const WINDOWS_1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];

function decodeWindows1252(bytes: Uint8Array): string {
  let out = '';
  const CHUNK = 8192;
  for (let start = 0; start < bytes.length; start += CHUNK) {
    const end = Math.min(bytes.length, start + CHUNK);
    const codes = new Array<number>(end - start);
    for (let i = start; i < end; i++) {
      const b = bytes[i];
      codes[i - start] = b >= 0x80 && b < 0xa0 ? WINDOWS_1252_HIGH[b - 0x80] : b;
    }
    out += String.fromCharCode(...codes);
  }
  return out;
}

/** Decodes with a WHATWG label; windows-1252 (and its aliases latin1, iso-8859-1, ascii) through our table. */
function decodeAs(encoding: string, bytes: Uint8Array, fatal = false): string {
  if (encoding === 'windows-1252') return decodeWindows1252(bytes);
  return new TextDecoder(encoding, { fatal }).decode(bytes);
}

/** The canonical WHATWG name of a label, or null when Node cannot decode it. */
export function canonicalEncoding(label: string): string | null {
  try {
    return new TextDecoder(label.trim()).encoding;
  } catch {
    return null;
  }
}

const SIGNATURES: Array<[number[], string]> = [
  [[0x25, 0x50, 0x44, 0x46, 0x2d], 'PDF document'],
  [[0x50, 0x4b, 0x03, 0x04], 'ZIP archive or Office document'],
  [[0x1f, 0x8b], 'gzip archive'],
  [[0x89, 0x50, 0x4e, 0x47], 'PNG image'],
  [[0xff, 0xd8, 0xff], 'JPEG image'],
  [[0x47, 0x49, 0x46, 0x38], 'GIF image'],
  [[0x7f, 0x45, 0x4c, 0x46], 'executable'],
  [[0x53, 0x51, 0x4c, 0x69, 0x74, 0x65, 0x20, 0x66, 0x6f, 0x72, 0x6d, 0x61, 0x74], 'SQLite database'],
];

function startsWith(bytes: Uint8Array, prefix: number[]): boolean {
  if (bytes.length < prefix.length) return false;
  for (let i = 0; i < prefix.length; i++) if (bytes[i] !== prefix[i]) return false;
  return true;
}

/** 'utf-16le' / 'utf-16be' when NULs sit on one parity only, as in UTF-16 text that is mostly Latin script. */
function sniffUtf16(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(bytes.length, SAMPLE_BYTES) & ~1;
  const pairs = n / 2;
  if (pairs < 1) return null;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenNul++;
    if (bytes[i + 1] === 0) oddNul++;
  }
  if (oddNul / pairs >= 0.3 && evenNul / pairs <= 0.02) return 'utf-16le';
  if (evenNul / pairs >= 0.3 && oddNul / pairs <= 0.02) return 'utf-16be';
  return null;
}

/** Share of control bytes (other than \t \n \r \f; NUL included) in the first SAMPLE_BYTES. */
function controlByteShare(bytes: Uint8Array): number {
  const n = Math.min(bytes.length, SAMPLE_BYTES);
  if (n === 0) return 0;
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i];
    if ((b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c) || b === 0x7f) control++;
  }
  return control / n;
}

/** Why these bytes are binary, or null. */
function binaryReason(bytes: Uint8Array): string | null {
  if (bytes.indexOf(0) !== -1) return 'binary file (NUL bytes)';
  const share = controlByteShare(bytes);
  return share > MAX_CONTROL_SHARE ? `binary file (${Math.round(100 * share)}% control bytes)` : null;
}

/**
 * Why the first bytes of a stream of text lines (JSONL) are binary data instead, or null. A known signature (a gzip
 * or ZIP archive named .jsonl) or more than 10% control bytes make the whole input binary, to be named once rather
 * than once a "line". NUL bytes count as control bytes here, not as proof: one record with a stray NUL is one bad
 * line, and must not cost a file of good ones. UTF-16 is text (its NULs are half of it): the reader names it.
 */
export function binaryStreamReason(sample: Uint8Array): string | null {
  for (const [sig, what] of SIGNATURES) if (startsWith(sample, sig)) return `binary file (${what})`;
  if (sniffUtf16(sample)) return null;
  const share = controlByteShare(sample);
  return share > MAX_CONTROL_SHARE ? `binary file (${Math.round(100 * share)}% control bytes)` : null;
}

/** How many bytes of a stream binaryStreamReason looks at. */
export const STREAM_SAMPLE_BYTES = SAMPLE_BYTES;

/** Share of control characters (other than \t \n \r \f) and U+FFFD in the first part of a decoded text. */
function controlShare(text: string): number {
  const n = Math.min(text.length, SAMPLE_BYTES);
  if (n === 0) return 0;
  let bad = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x0c) || c === 0x7f || c === 0xfffd) bad++;
  }
  return bad / n;
}

/** chardet's names → WHATWG labels for the single-byte code pages we accept. ISO-8859-1/9 are read as their Windows supersets, as browsers do. */
const SINGLE_BYTE: Record<string, string> = {
  'ISO-8859-1': 'windows-1252',
  'windows-1252': 'windows-1252',
  'ISO-8859-2': 'iso-8859-2',
  'windows-1250': 'windows-1250',
  'ISO-8859-5': 'iso-8859-5',
  'windows-1251': 'windows-1251',
  'KOI8-R': 'koi8-r',
  'ISO-8859-6': 'iso-8859-6',
  'windows-1256': 'windows-1256',
  'ISO-8859-7': 'iso-8859-7',
  'windows-1253': 'windows-1253',
  'ISO-8859-8': 'iso-8859-8',
  'windows-1255': 'windows-1255',
  'ISO-8859-9': 'windows-1254',
  'windows-1254': 'windows-1254',
  'windows-1257': 'windows-1257',
  'windows-1258': 'windows-1258',
  'windows-874': 'windows-874',
};

/** Multi-byte CJK encodings: accepted only when chardet is at least this sure and the bytes decode without error. */
const MULTI_BYTE: Record<string, string> = {
  Shift_JIS: 'shift_jis',
  'EUC-JP': 'euc-jp',
  'EUC-KR': 'euc-kr',
  GB18030: 'gb18030',
  Big5: 'big5',
};
const MULTI_BYTE_MIN_CONFIDENCE = 50;

/** C1 controls or replacement characters: the sign of a wrong single-byte guess. */
const IMPLAUSIBLE = /[\u0080-\u009f\ufffd]/;

function guessLegacy(bytes: Uint8Array): { text: string; encoding: string } {
  const sample = bytes.length > SAMPLE_BYTES ? bytes.subarray(0, SAMPLE_BYTES) : bytes;
  let first: { text: string; encoding: string } | null = null;
  for (const match of chardet.analyse(sample)) {
    const single = SINGLE_BYTE[match.name];
    const multi = MULTI_BYTE[match.name];
    if (single) {
      const text = decodeAs(single, bytes);
      if (!IMPLAUSIBLE.test(text)) return { text, encoding: single };
      first ??= { text, encoding: single };
    } else if (multi && match.confidence >= MULTI_BYTE_MIN_CONFIDENCE) {
      try {
        return { text: decodeAs(multi, bytes, true), encoding: multi };
      } catch {
        // not really that encoding: try the next guess
      }
    }
  }
  // No plausible guess: windows-1252 decodes every byte, and Western text is the most common legacy input.
  return first ?? { text: decodeWindows1252(bytes), encoding: 'windows-1252' };
}

function finish(text: string, encoding: string): DecodeResult {
  if (text.trim() === '') return { error: 'empty file' };
  return { text, encoding };
}

/**
 * Decodes the bytes of one document. `declared` is an encoding the document names itself (HTML meta charset, XML
 * declaration); it is used only when the bytes are not valid UTF-8.
 */
export function decodeBytes(bytes: Uint8Array, declared?: string): DecodeResult {
  if (bytes.length === 0) return { error: 'empty file' };

  // 1. Byte-order marks (UTF-32 first: its LE mark starts with the UTF-16 LE one).
  if (startsWith(bytes, [0xff, 0xfe, 0x00, 0x00]) || startsWith(bytes, [0x00, 0x00, 0xfe, 0xff])) {
    return { error: 'unsupported encoding (UTF-32)' };
  }
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) return finish(decodeAs('utf-8', bytes.subarray(3)), 'utf-8');
  if (startsWith(bytes, [0xff, 0xfe])) return finish(decodeAs('utf-16le', bytes.subarray(2)), 'utf-16le');
  if (startsWith(bytes, [0xfe, 0xff])) return finish(decodeAs('utf-16be', bytes.subarray(2)), 'utf-16be');

  // 2. Known binary formats (before the UTF-16 check: a ZIP header has NULs on one parity too).
  for (const [sig, what] of SIGNATURES) if (startsWith(bytes, sig)) return { error: `binary file (${what})` };

  // 3. UTF-16 without a mark; what it decodes to must still look like text.
  const utf16 = sniffUtf16(bytes);
  if (utf16) {
    const text = decodeAs(utf16, bytes);
    const share = controlShare(text);
    if (share > MAX_CONTROL_SHARE) return { error: `binary file (${Math.round(100 * share)}% control characters)` };
    return finish(text, utf16);
  }

  // 4. Other binary data.
  const binary = binaryReason(bytes);
  if (binary) return { error: binary };

  // 5. UTF-8 (plain ASCII included).
  if (isUtf8(bytes)) return finish(decodeAs('utf-8', bytes), 'utf-8');

  // 6. The document's own declaration.
  if (declared) {
    const enc = canonicalEncoding(declared);
    if (enc && enc !== 'utf-8' && !enc.startsWith('utf-16') && enc !== 'replacement' && enc !== 'x-user-defined') {
      return finish(decodeAs(enc, bytes), enc);
    }
  }

  // 7. A guess.
  const guess = guessLegacy(bytes);
  return finish(guess.text, guess.encoding);
}

/** The charset an HTML document declares in its first 2 KB (`<meta charset>` or `http-equiv` Content-Type), or undefined. */
export function sniffHtmlCharset(bytes: Uint8Array): string | undefined {
  const head = Buffer.from(bytes.subarray(0, 2048)).toString('latin1');
  const m = /<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)/i.exec(head);
  return m?.[1];
}

/** The encoding an XML declaration names (`<?xml version="1.0" encoding="windows-1251"?>`), or undefined. */
export function sniffXmlEncoding(bytes: Uint8Array): string | undefined {
  const head = Buffer.from(bytes.subarray(0, 512)).toString('latin1');
  const m = /^\s*<\?xml\b[^>]*?\bencoding\s*=\s*["']([A-Za-z0-9._:-]+)["']/.exec(head);
  return m?.[1];
}
