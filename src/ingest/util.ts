// Small helpers shared by the readers.
//
// Why these rules: every problem must reach the caller as one plain-language Diagnostic and never as a thrown
// error, so I/O errors are turned into sentences here, in one place, and sizes are printed the same way
// everywhere ("50.0 MB, over the 10 MB limit").
import { isUtf8 } from 'node:buffer';
import { constants as fsConstants, type PathLike } from 'node:fs';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import type { Diagnostic } from '../model.js';

/** Sends one diagnostic to the caller. */
export type Emit = (d: Diagnostic) => void;

/** The default size limit for one article (a .txt/.html file or one JSONL line): 10 MiB. */
export const DEFAULT_MAX_ARTICLE_BYTES = 10 * 1024 * 1024;

/** Feeds have to be parsed whole; beyond this size the file is skipped rather than loaded. */
export const MAX_FEED_BYTES = 100 * 1024 * 1024;

/** An error raised by the caller's own onDiagnostic callback: passed through untouched, never turned into a diagnostic. */
export class CallbackError extends Error {
  constructor(readonly original: unknown) {
    super('onDiagnostic callback failed');
  }
}

/** The file's base name without its (last) extension: `/a/b/story.v2.txt` → `story.v2`. */
export function baseName(file: string): string {
  const base = path.basename(file);
  const ext = path.extname(base);
  return ext && ext !== base ? base.slice(0, -ext.length) : base;
}

/** Lower-cased extension with its dot, or '' (dotfiles such as `.env` have none). */
export function extensionOf(file: string): string {
  return path.extname(file).toLowerCase();
}

/** How many bytes a UTF-8 sequence starting with this byte has, or 0 when no sequence starts with it. */
function sequenceLength(lead: number): number {
  if (lead < 0x80) return 1;
  if (lead >= 0xc2 && lead <= 0xdf) return 2;
  if (lead >= 0xe0 && lead <= 0xef) return 3;
  if (lead >= 0xf0 && lead <= 0xf4) return 4;
  return 0;
}

/**
 * A file name's bytes as text to show: UTF-8 as it reads, each byte that is not part of valid UTF-8 as `\xNN`.
 * Linux names are bytes; one written in a legacy encoding (`bad\xff.txt`) must still be shown, and told apart from
 * its neighbours, where decoding would turn every bad byte into the same U+FFFD.
 */
export function nameForDisplay(bytes: Buffer): string {
  if (isUtf8(bytes)) return bytes.toString('utf8');
  let out = '';
  let i = 0;
  while (i < bytes.length) {
    const n = sequenceLength(bytes[i]);
    if (n && i + n <= bytes.length && isUtf8(bytes.subarray(i, i + n))) {
      out += bytes.toString('utf8', i, i + n);
      i += n;
    } else {
      out += `\\x${bytes[i].toString(16).padStart(2, '0')}`;
      i++;
    }
  }
  return out;
}

/** `52428800` → `50.0 MB`; limits are printed without a useless `.0` (`10 MB`). Units are binary (MiB) but said "MB", as people do. */
export function formatSize(bytes: number, trimZero = false): string {
  const fmt = (n: number, unit: string): string => {
    const s = n.toFixed(1);
    return `${trimZero && s.endsWith('.0') ? s.slice(0, -2) : s} ${unit}`;
  };
  if (bytes >= 1024 * 1024) return fmt(bytes / (1024 * 1024), 'MB');
  if (bytes >= 1024) return fmt(bytes / 1024, 'KB');
  return `${bytes} bytes`;
}

export function tooLargeReason(what: 'file' | 'line', size: number, limit: number, unit = 'one article'): string {
  return `${what} too large: ${formatSize(size)}, over the ${formatSize(limit, true)} limit for ${unit}`;
}

/** An I/O error in plain words. */
export function ioReason(err: unknown, what: 'file' | 'folder' = 'file'): string {
  const code = (err as NodeJS.ErrnoException | null)?.code;
  switch (code) {
    case 'ENOENT':
      return `could not read the ${what}: it no longer exists`;
    case 'EACCES':
    case 'EPERM':
      return `could not read the ${what}: permission denied`;
    case 'EISDIR':
      return 'could not read the file: it is a folder';
    case 'ENOTDIR':
      return `could not read the ${what}: a part of its path is not a folder`;
    case 'EMFILE':
    case 'ENFILE':
      return `could not read the ${what}: too many open files`;
    case 'ELOOP':
      return `could not read the ${what}: too many levels of symbolic links`;
    case 'EIO':
      return `could not read the ${what}: input/output error from the disk`;
    default: {
      const msg = err instanceof Error ? err.message : String(err);
      return `could not read the ${what}: ${msg}`;
    }
  }
}

export type Bounded = { bytes: Buffer } | { tooLarge: number } | { error: string };

/**
 * Opens a file for reading, only if it is a regular file. The open does not wait: a file swapped for a named pipe (or a
 * device) between the folder listing and the read would otherwise block the whole ingest until something writes to it.
 */
export async function openRegularFile(file: PathLike): Promise<{ handle: fs.FileHandle; size: number } | { error: string }> {
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(file, fsConstants.O_RDONLY | fsConstants.O_NONBLOCK);
  } catch (err) {
    return { error: ioReason(err) };
  }
  try {
    const st = await handle.stat();
    if (st.isFile()) return { handle, size: st.size };
    await handle.close();
    return { error: st.isDirectory() ? ioReason({ code: 'EISDIR' }) : 'not a regular file (a pipe, socket or device)' };
  } catch (err) {
    await handle.close().catch(() => undefined);
    return { error: ioReason(err) };
  }
}

/**
 * Reads a whole file, but only after checking its size on the open handle (no race with a rename), and never more
 * than the size seen: a file that grows while it is read cannot make us allocate more than `limit`.
 */
export async function readBounded(file: PathLike, limit: number): Promise<Bounded> {
  const opened = await openRegularFile(file);
  if ('error' in opened) return opened;
  const { handle, size } = opened;
  try {
    if (size > limit) return { tooLarge: size };
    const buf = Buffer.alloc(size);
    let filled = 0;
    while (filled < buf.length) {
      const { bytesRead } = await handle.read(buf, filled, buf.length - filled, filled);
      if (bytesRead === 0) break; // the file shrank while we read it: keep what is there
      filled += bytesRead;
    }
    return { bytes: filled === buf.length ? buf : buf.subarray(0, filled) };
  } catch (err) {
    return { error: ioReason(err) };
  } finally {
    await handle.close().catch(() => undefined);
  }
}
