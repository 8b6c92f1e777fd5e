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
import * as fs from 'node:fs/promises';
import type { Dirent } from 'node:fs';
import * as path from 'node:path';
import { extensionOf, ioReason, type Emit } from './util.js';

/** Extensions the readers understand. */
export const KNOWN_EXTENSIONS = new Set(['.txt', '.html', '.htm', '.jsonl', '.ndjson', '.rss', '.atom', '.xml']);

export type WalkEntry = { kind: 'stdin' } | { kind: 'file'; path: string };

function byName(a: Dirent, b: Dirent): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
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
      yield* walkFolder(given, emit, new Set());
    } else if (st.isFile()) {
      const ext = extensionOf(given);
      if (KNOWN_EXTENSIONS.has(ext)) yield { kind: 'file', path: given };
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

async function* walkFolder(folder: string, emit: Emit, seen: Set<string>): AsyncGenerator<WalkEntry> {
  let entries: Dirent[];
  try {
    const real = await fs.realpath(folder);
    if (seen.has(real)) return; // a symbolic-link loop, or the same folder reached twice
    seen.add(real);
    entries = await fs.readdir(folder, { withFileTypes: true });
  } catch (err) {
    emit({ source: folder, reason: ioReason(err, 'folder'), severity: 'skipped' });
    return;
  }
  entries.sort(byName);
  for (const entry of entries) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const full = path.join(folder, entry.name);
    let isDir = entry.isDirectory();
    let isFile = entry.isFile();
    if (entry.isSymbolicLink()) {
      try {
        const st = await fs.stat(full);
        isDir = st.isDirectory();
        isFile = st.isFile();
      } catch {
        // A dangling link: nothing to read. Report it only if it looks like something we would have read.
        if (KNOWN_EXTENSIONS.has(extensionOf(entry.name))) {
          emit({ source: full, reason: 'broken symbolic link', severity: 'skipped' });
        }
        continue;
      }
    }
    if (isDir) yield* walkFolder(full, emit, seen);
    else if (!KNOWN_EXTENSIONS.has(extensionOf(entry.name))) continue;
    else if (isFile) yield { kind: 'file', path: full };
    // Named like news but a pipe, socket or device: reading it could block or never end; say so rather than pass it by.
    else emit({ source: full, reason: 'not a regular file (a pipe, socket or device)', severity: 'skipped' });
  }
}
