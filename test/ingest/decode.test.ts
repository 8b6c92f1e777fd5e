import { describe, expect, it } from 'vitest';
import { decodeBytes } from '../../src/ingest/index.js';
import { encode1252, encodeSingleByte, utf16 } from './helpers.js';

const WESTERN =
  '“We will not resign,” the minister told reporters at the café on Tuesday. ' +
  'Señor García’s statement was brief — he left for Bogotá an hour later, and the naïve question went unanswered.';
const ARABIC =
  'قال وزير الخارجية يوم الثلاثاء إن المفاوضات مع الدول الأوروبية ستستأنف الأسبوع المقبل في جنيف، ' +
  'مضيفا أن الوفد سيضم خبراء في الشؤون الاقتصادية والقانونية.';
const RUSSIAN =
  'Министр иностранных дел заявил во вторник, что переговоры возобновятся на следующей неделе в Женеве. ' +
  'По его словам, в состав делегации войдут экономисты и юристы.';

describe('decodeBytes', () => {
  it('refuses an empty file and a whitespace-only file', () => {
    expect(decodeBytes(new Uint8Array())).toEqual({ error: 'empty file' });
    expect(decodeBytes(Buffer.from('  \n\t\r\n  '))).toEqual({ error: 'empty file' });
    expect(decodeBytes(Uint8Array.of(0xef, 0xbb, 0xbf, 0x20, 0x0a))).toEqual({ error: 'empty file' });
    expect(decodeBytes(Uint8Array.of(0xff, 0xfe))).toEqual({ error: 'empty file' });
  });

  it('reads plain UTF-8 and UTF-8 with a BOM (BOM removed)', () => {
    expect(decodeBytes(Buffer.from('Déjà vu — 東京'))).toEqual({ text: 'Déjà vu — 東京', encoding: 'utf-8' });
    const withBom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('Hello é')]);
    expect(decodeBytes(withBom)).toEqual({ text: 'Hello é', encoding: 'utf-8' });
  });

  it('reads UTF-16 LE with a BOM and UTF-16 BE without one', () => {
    const text = 'Talks resume in Genève on Tuesday, officials said. قال الوزير';
    expect(decodeBytes(utf16(text, 'le', true))).toEqual({ text, encoding: 'utf-16le' });
    expect(decodeBytes(utf16(text, 'be', true))).toEqual({ text, encoding: 'utf-16be' });
    expect(decodeBytes(utf16(text, 'be', false))).toEqual({ text, encoding: 'utf-16be' });
    expect(decodeBytes(utf16(text, 'le', false))).toEqual({ text, encoding: 'utf-16le' });
  });

  it('refuses binary data with a reason', () => {
    expect(decodeBytes(Buffer.from('abc\u0000\u0000\u0000def\u0000\u0001\u0002'))).toEqual({
      error: 'binary file (NUL bytes)',
    });
    expect(decodeBytes(Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj'))).toEqual({ error: 'binary file (PDF document)' });
    const controls = Buffer.from('ab\u0001\u0002\u0003\u0004cd\u001b\u001bxxxxxxxx');
    expect(decodeBytes(controls)).toEqual({ error: 'binary file (33% control bytes)' });
    expect(decodeBytes(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00]))).toEqual({
      error: 'binary file (ZIP archive or Office document)',
    });
  });

  it('tells windows-1252 (curly quotes, accents) from Arabic windows-1256 and Russian windows-1251', () => {
    expect(decodeBytes(encode1252(WESTERN))).toEqual({ text: WESTERN, encoding: 'windows-1252' });
    expect(decodeBytes(encodeSingleByte('windows-1256', ARABIC))).toEqual({ text: ARABIC, encoding: 'windows-1256' });
    expect(decodeBytes(encodeSingleByte('windows-1251', RUSSIAN))).toEqual({ text: RUSSIAN, encoding: 'windows-1251' });
  });

  it('reads short legacy texts too', () => {
    expect(decodeBytes(encode1252('“It’s done,” he said.'))).toEqual({
      text: '“It’s done,” he said.',
      encoding: 'windows-1252',
    });
    expect(decodeBytes(encodeSingleByte('windows-1251', 'Привет, мир'))).toEqual({
      text: 'Привет, мир',
      encoding: 'windows-1251',
    });
  });

  it('uses a declared charset only when the bytes are not UTF-8', () => {
    // iso-8859-15 puts € at 0xA4, where a guess (Latin-1 or Latin-2) reads ¤: the declaration is obeyed.
    const euro = encodeSingleByte('iso-8859-15', 'Le prix est de 5 € par personne, a précisé la mairie.');
    const guessed = decodeBytes(euro);
    expect('text' in guessed && guessed.text).toBe('Le prix est de 5 ¤ par personne, a précisé la mairie.');
    expect(decodeBytes(euro, 'ISO-8859-15')).toEqual({
      text: 'Le prix est de 5 € par personne, a précisé la mairie.',
      encoding: 'iso-8859-15',
    });
    // Valid UTF-8 wins over a wrong declaration.
    expect(decodeBytes(Buffer.from('café'), 'iso-8859-1')).toEqual({ text: 'café', encoding: 'utf-8' });
    // An unknown label is ignored.
    expect(decodeBytes(encode1252(WESTERN), 'no-such-charset')).toEqual({ text: WESTERN, encoding: 'windows-1252' });
  });

  it('refuses UTF-32', () => {
    expect(decodeBytes(Uint8Array.of(0xff, 0xfe, 0, 0, 0x41, 0, 0, 0))).toEqual({ error: 'unsupported encoding (UTF-32)' });
  });
});
