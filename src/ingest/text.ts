// Reader for one-article files: .txt (plain text) and .html/.htm.
//
// Why these rules:
//  - One file is one article, so its size is checked (on the open file) before anything is read: a 50 MB "article"
//    is a log or a dump, and loading it would only waste memory and time downstream.
//  - The bytes go through decodeBytes (BOM, UTF-16, binary check, UTF-8, legacy guess). For HTML the page's own
//    <meta charset> is offered as a hint, used only when the bytes are not UTF-8.
//  - No title is looked for here: finding it (in the first line, or in <title>/<h1>/og:title) is the cleaner's job.
//  - The id is the base name without the extension: it is what the user sees in the folder.
import type { PathLike } from 'node:fs';
import type { InputFormat, RawArticle } from '../model.js';
import { decodeBytes, sniffHtmlCharset } from './decode.js';
import { baseName, readBounded, tooLargeReason, type Emit } from './util.js';

export async function readArticleFile(
  file: string,
  format: Extract<InputFormat, 'text' | 'html'>,
  maxBytes: number,
  emit: Emit,
  /** What opens the file, when `file` (its name in messages and its id) cannot: see walk.ts. */
  fsPath: PathLike = file,
): Promise<RawArticle | null> {
  const read = await readBounded(fsPath, maxBytes);
  if ('error' in read) {
    emit({ source: file, reason: read.error, severity: 'skipped' });
    return null;
  }
  if ('tooLarge' in read) {
    emit({ source: file, reason: tooLargeReason('file', read.tooLarge, maxBytes), severity: 'skipped' });
    return null;
  }
  const decoded = decodeBytes(read.bytes, format === 'html' ? sniffHtmlCharset(read.bytes) : undefined);
  if ('error' in decoded) {
    emit({ source: file, reason: decoded.error, severity: 'skipped' });
    return null;
  }
  const article: RawArticle = { id: baseName(file), source: file, format };
  if (format === 'text') article.text = decoded.text;
  else article.html = decoded.text;
  if (decoded.encoding !== 'utf-8') article.encoding = decoded.encoding;
  return article;
}
