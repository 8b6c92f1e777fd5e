// The ingest stage: paths in, RawArticles out, problems reported as Diagnostics.
//
// Why it is shaped this way:
//  - An async generator, so a folder of 100 000 files or a 5 GB JSONL file is read one article at a time and the
//    caller decides how fast to go (and can stop early).
//  - Bad input never throws and never prints: each problem reaches onDiagnostic once, naming the input (path,
//    `path:LINE`, `stdin:LINE`, `path#item-N`) and the reason, and every other article still comes through.
//    Only an exception thrown by the caller's own onDiagnostic is passed back to the caller.
//  - The format follows the extension (see walk.ts); feeds are sniffed by their root element (feed.ts).
//  - Every article leaves within the bounds of bound.ts (lines, characters, page elements): cut, with a warning, when
//    it is over them, so that no later stage needs unbounded memory for one article.
import type { PathLike } from 'node:fs';
import type { Diagnostic, RawArticle } from '../model.js';
import { bounded } from './bound.js';
import { readFeed } from './feed.js';
import { readJsonl } from './jsonl.js';
import { readArticleFile } from './text.js';
import { CallbackError, DEFAULT_MAX_ARTICLE_BYTES, baseName, extensionOf, openRegularFile, type Emit } from './util.js';
import { walk } from './walk.js';

export { decodeBytes } from './decode.js';
export { DEFAULT_MAX_ARTICLE_BYTES, MAX_FEED_BYTES } from './util.js';
export { MAX_ARTICLE_CHARS, MAX_ARTICLE_LINES, MAX_HTML_ELEMENTS } from './bound.js';

export interface ReadOptions {
  /** Used when a path is "-" (JSONL); defaults to process.stdin. */
  stdin?: NodeJS.ReadableStream;
  /** Every problem, once, naming the input and the reason. */
  onDiagnostic?: (d: Diagnostic) => void;
  /** Default 10 MiB: a single .txt/.html file, or one JSONL line, larger than this is skipped. */
  maxArticleBytes?: number;
  /** A file the caller already has whole (unchanged since it was ingested) is not read when this says so. */
  skipFile?: (file: string) => Promise<boolean>;
  /** Called when every article of a file has been yielded (or the file was skipped as unreadable). */
  onFileRead?: (file: string) => void;
}

/** Reads files, folders (recursively) and "-" (JSONL on stdin) and yields the articles found, in a stable order. */
export async function* readInputs(paths: string[], options: ReadOptions = {}): AsyncGenerator<RawArticle> {
  const maxBytes = options.maxArticleBytes ?? DEFAULT_MAX_ARTICLE_BYTES;
  const emit: Emit = (d) => {
    if (!options.onDiagnostic) return;
    try {
      options.onDiagnostic(d);
    } catch (err) {
      throw new CallbackError(err);
    }
  };
  let stdinRead = false;
  try {
    for await (const entry of walk(paths, emit)) {
      if (entry.kind === 'stdin') {
        if (stdinRead) {
          emit({ source: 'stdin', reason: 'stdin was given twice; it can only be read once', severity: 'skipped' });
          continue;
        }
        stdinRead = true;
        const stream = options.stdin ?? process.stdin;
        yield* guarded('stdin', emit, bounded(readJsonl(stream, { source: 'stdin', idPrefix: 'stdin' }, maxBytes, emit), emit));
        continue;
      }
      if (options.skipFile && (await options.skipFile(entry.path))) continue;
      yield* guarded(entry.path, emit, bounded(readFile(entry.path, entry.fsPath, maxBytes, emit), emit));
      options.onFileRead?.(entry.path);
    }
  } catch (err) {
    if (err instanceof CallbackError) throw err.original;
    throw err;
  }
}

/** Reads the file opened by `fsPath` and named `file` (they differ for a name that is not UTF-8: see walk.ts). */
async function* readFile(file: string, fsPath: PathLike, maxBytes: number, emit: Emit): AsyncGenerator<RawArticle> {
  switch (extensionOf(file)) {
    case '.txt': {
      const article = await readArticleFile(file, 'text', maxBytes, emit, fsPath);
      if (article) yield article;
      return;
    }
    case '.html':
    case '.htm': {
      const article = await readArticleFile(file, 'html', maxBytes, emit, fsPath);
      if (article) yield article;
      return;
    }
    case '.jsonl':
    case '.ndjson': {
      const opened = await openRegularFile(fsPath);
      if ('error' in opened) {
        emit({ source: file, reason: opened.error, severity: 'skipped' });
        return;
      }
      const stream = opened.handle.createReadStream({ highWaterMark: 1024 * 1024 }); // closes the handle at its end
      try {
        yield* readJsonl(stream, { source: file, idPrefix: baseName(file) }, maxBytes, emit);
      } finally {
        stream.destroy(); // a caller that stops early (or a diagnostic that throws) must not leave the file open
      }
      return;
    }
    case '.rss':
    case '.atom':
    case '.xml':
      yield* readFeed(file, emit, fsPath);
      return;
  }
}

/** A last line of defence: an unexpected error in a reader becomes one diagnostic for that input, not a crash. */
async function* guarded(source: string, emit: Emit, articles: AsyncGenerator<RawArticle>): AsyncGenerator<RawArticle> {
  try {
    yield* articles;
  } catch (err) {
    if (err instanceof CallbackError) throw err;
    emit({
      source,
      reason: `could not be read (unexpected error: ${err instanceof Error ? err.message : String(err)})`,
      severity: 'skipped',
    });
  }
}
