// Shared helpers for the ingest tests: temp folders, collecting a run, and encoders for legacy code pages.
// Every input is generated here at test time; nothing is committed.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Diagnostic, RawArticle } from '../../src/model.js';
import { readInputs, type ReadOptions } from '../../src/ingest/index.js';

const made: string[] = [];

export function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'newsdesk-'));
  made.push(dir);
  return dir;
}

export function removeTempDirs(): void {
  for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}

/** Writes files under `dir`: keys are relative paths (folders created), values text (UTF-8) or bytes. */
export function writeTree(dir: string, files: Record<string, string | Uint8Array>): void {
  for (const [rel, content] of Object.entries(files)) {
    const full = path.join(dir, rel);
    fs.mkdirSync(path.dirname(full), { recursive: true });
    fs.writeFileSync(full, content);
  }
}

export interface Run {
  articles: RawArticle[];
  diagnostics: Diagnostic[];
}

export async function collect(paths: string[], options: Omit<ReadOptions, 'onDiagnostic'> = {}): Promise<Run> {
  const diagnostics: Diagnostic[] = [];
  const articles: RawArticle[] = [];
  for await (const a of readInputs(paths, { ...options, onDiagnostic: (d) => diagnostics.push(d) })) articles.push(a);
  return { articles, diagnostics };
}

/** windows-1252 written by hand (Node 20's TextDecoder gets 0x80–0x9F wrong, so it cannot be the reference). */
const CP1252_SPECIAL: Record<string, number> = {
  '€': 0x80, '‚': 0x82, 'ƒ': 0x83, '„': 0x84, '…': 0x85, '†': 0x86, '‡': 0x87, 'ˆ': 0x88, '‰': 0x89, 'Š': 0x8a,
  '‹': 0x8b, 'Œ': 0x8c, 'Ž': 0x8e, '‘': 0x91, '’': 0x92, '“': 0x93, '”': 0x94, '•': 0x95, '–': 0x96, '—': 0x97,
  '˜': 0x98, '™': 0x99, 'š': 0x9a, '›': 0x9b, 'œ': 0x9c, 'ž': 0x9e, 'Ÿ': 0x9f,
};

export function encode1252(text: string): Uint8Array {
  const out: number[] = [];
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    const special = CP1252_SPECIAL[ch];
    if (special !== undefined) out.push(special);
    else if (cp < 0x80 || (cp >= 0xa0 && cp <= 0xff)) out.push(cp);
    else throw new Error(`not in windows-1252: ${ch}`);
  }
  return Uint8Array.from(out);
}

/** Encodes with a reverse table built from TextDecoder over 0x80–0xFF (correct in Node for 1251/1256). */
export function encodeSingleByte(label: string, text: string): Uint8Array {
  const decoder = new TextDecoder(label);
  const table = new Map<string, number>();
  for (let b = 0xff; b >= 0x80; b--) table.set(decoder.decode(Uint8Array.of(b)), b);
  const out: number[] = [];
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x80) out.push(cp);
    else {
      const b = table.get(ch);
      if (b === undefined) throw new Error(`not in ${label}: ${ch}`);
      out.push(b);
    }
  }
  return Uint8Array.from(out);
}

export function utf16(text: string, endian: 'le' | 'be', bom: boolean): Uint8Array {
  const le = Buffer.from(text, 'utf16le');
  const body = endian === 'le' ? le : Buffer.from(le).swap16();
  const mark = bom ? (endian === 'le' ? [0xff, 0xfe] : [0xfe, 0xff]) : [];
  return Buffer.concat([Buffer.from(mark), body]);
}
