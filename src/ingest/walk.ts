// Turns the paths the user gave into the files to read, lazily and in a fixed order.
//
// Why these rules:
//  - Folders are read recursively and each folder's entries sorted by name (plain code-unit order, not the locale),
//    so two runs over the same tree give the same articles in the same order on every machine.
//  - Dotfiles, dot-folders (.git, .cache) and node_modules are never news, and can be huge; they are skipped.
//  - Inside a folder, files we cannot read (images, .md, .csv) are ignored silently: a folder of mixed material is
//    normal. A file named explicitly is a request, so an unsupported one is reported; so is a pipe, socket or device
//    named like an article (story.txt), which is never read.
//  - Symbolic links are followed, but a folder reached twice (a link loop) is read once.
//  - A folder is listed when the walk reaches it, not up front, so memory does not grow with the tree; a file that
//    disappears between listing and reading is reported by the reader, not here.
//  - Names are listed as bytes: a name that is not valid UTF-8 (written in a legacy encoding) decodes to U+FFFD, a
//    path that does not exist, and its article would be lost as "no longer exists". Such a file is opened by its
//    bytes and shown with the bad bytes escaped (`bad\xff.txt`); every other path stays a plain string.
import * as fs from 'node:fs/promises';
import { isUtf8 } from 'node:buffer';
import type { Dirent } from 'node:fs';
import * as path from 'node:path';
import { extensionOf, ioReason, nameForDisplay, type Emit } from './util.js';

/** Extensions the readers understand. */
export const KNOWN_EXTENSIONS = new Set(['.txt', '.html', '.htm', '.jsonl', '.ndjson', '.rss', '.atom', '.xml']);

/**
 * A file to read: `path` names it in messages, sources and ids; `fsPath` opens it — the same string, or the path's
 * bytes when a name in it is not valid UTF-8 (then `path` shows those bytes escaped, and cannot open the file).
 */
export type WalkEntry = { kind: 'stdin' } | { kind: 'file'; path: string; fsPath: string | Buffer };

/** A folder entry with its name as shown (see nameForDisplay). */
type Listed = { entry: Dirent<Buffer>; name: string };

/** Code-unit order of the names as shown (UTF-8 names sort as they always have); the bytes break ties. */
function byName(a: Listed, b: Listed): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : Buffer.compare(a.entry.name, b.entry.name);
}

const SEPARATOR = Buffer.from(path.sep);

/** The path of a folder's entry, to open it by: a string while every name in it is UTF-8, else bytes. */
function entryPath(folder: string | Buffer, name: Buffer): string | Buffer {
  if (typeof folder === 'string' && isUtf8(name)) return path.join(folder, name.toString('utf8'));
  const base = typeof folder === 'string' ? Buffer.from(folder) : folder;
  return Buffer.concat(base.length && base[base.length - 1] !== SEPARATOR[0] ? [base, SEPARATOR, name] : [base, name]);
}

export async function* walk(paths: string[], emit: Emit): AsyncGenerator<WalkEntry> {
  for (const given of paths) {
    if (given === '-') {
      yield { kind: 'stdin' };
      continue;
    }
    let st;
    try {
      st = await fs.stat(given);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      emit({
        source: given,
        reason: code === 'ENOENT' || code === 'ENOTDIR' ? 'no such file or folder' : ioReason(err),
        severity: 'skipped',
      });
      continue;
    }
    if (st.isDirectory()) {
      yield* walkFolder(given, given, emit, new Set());
    } else if (st.isFile()) {
      const ext = extensionOf(given);
      if (KNOWN_EXTENSIONS.has(ext)) yield { kind: 'file', path: given, fsPath: given };
      else {
        emit({
          source: given,
          reason: `unsupported file type (${ext || 'no extension'})`,
          severity: 'skipped',
        });
      }
    } else {
      emit({ source: given, reason: 'not a regular file or folder', severity: 'skipped' });
    }
  }
}

/** Walks a folder opened by `folder` and shown as `shown`. */
async function* walkFolder(folder: string | Buffer, shown: string, emit: Emit, seen: Set<string>): AsyncGenerator<WalkEntry> {
  let listed: Listed[];
  try {
    // Real paths as bytes (latin1 keeps each byte): two folders whose names differ only in bytes that are not UTF-8
    // would be one folder as decoded strings.
    const real = (await fs.realpath(folder, { encoding: 'buffer' })).toString('latin1');
    if (seen.has(real)) return; // a symbolic-link loop, or the same folder reached twice
    seen.add(real);
    const entries = await fs.readdir(folder, { withFileTypes: true, encoding: 'buffer' });
    listed = entries.map((entry) => ({ entry, name: nameForDisplay(entry.name) }));
  } catch (err) {
    emit({ source: shown, reason: ioReason(err, 'folder'), severity: 'skipped' });
    return;
  }
  listed.sort(byName);
  for (const { entry, name } of listed) {
    if (name.startsWith('.') || name === 'node_modules') continue;
    const full = entryPath(folder, entry.name);
    const fullShown = path.join(shown, name);
    let isDir = entry.isDirectory();
    let isFile = entry.isFile();
    if (entry.isSymbolicLink()) {
      try {
        const st = await fs.stat(full);
        isDir = st.isDirectory();
        isFile = st.isFile();
      } catch {
        // A dangling link: nothing to read. Report it only if it looks like something we would have read.
        if (KNOWN_EXTENSIONS.has(extensionOf(name))) {
          emit({ source: fullShown, reason: 'broken symbolic link', severity: 'skipped' });
        }
        continue;
      }
    }
    if (isDir) yield* walkFolder(full, fullShown, emit, seen);
    else if (!KNOWN_EXTENSIONS.has(extensionOf(name))) continue;
    else if (isFile) yield { kind: 'file', path: fullShown, fsPath: full };
    // Named like news but a pipe, socket or device: reading it could block or never end; say so rather than pass it by.
    else emit({ source: fullShown, reason: 'not a regular file (a pipe, socket or device)', severity: 'skipped' });
  }
}
