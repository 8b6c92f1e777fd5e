// The `newsdesk` command. Parses arguments, runs the pipeline, talks to the store, prints. Exit codes:
//   0  done, every input read
//   1  the command could not run (bad arguments, a store that cannot be opened)
//   2  done, but some input was skipped (each said once on stderr, naming it and the reason)
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { existsSync, readFileSync } from 'node:fs';
import { articlesShownWith, type Article, type Diagnostic, type Report, type TimelineDate } from '../model.js';
import { OutletRegistry } from '../clean/index.js';
import { analyzeArticles, readAndClean, readAndCleanBatches, timelineOf } from '../pipeline/index.js';
import { InputLedger, queueArticles, storeTotals, work } from '../service/ingest.js';
import { eventView, parseInclude } from '../service/event-view.js';
import { asPage, pageOffset, pageOutOfReach, SEARCH_PAGE_SIZE, searchArticlesAndEvents, TIMELINE_ARTICLES, topicTimeline } from '../service/search.js';
import { buildServer } from '../serve/index.js';
import { Progress } from './progress.js';
import { evaluateClusters, evaluateTimeline, readTimelineJson, readTimelineJsonl, rouge, type Timeline } from '../eval/index.js';
import { displayLocation, isPostgresUrl, openStore, type NewsStore } from '../store/index.js';
import { editDistance } from '../text/translit.js';
import { storeFailure } from '../store/failure.js';
import { evaluateEntities, newsdeskEntities, parseEntityDocuments, SCORED_ENTITY_TYPES } from '../eval/entities.js';
import { formatClusterEvaluation, formatEntityEvaluation, formatDiagnostic, formatEvent, formatEventList, formatRouge, formatSearch, formatTimeline, formatTimelineEvaluation, forTerminal } from './format.js';

export interface Io {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  stdin: NodeJS.ReadableStream;
  env: Record<string, string | undefined>;
}

const USAGE = `newsdesk — turn raw news reports into events you can check

Usage:
  newsdesk ingest <path...> [--db STORE] [--enqueue] [--reread]
                                             read files or folders (txt, html, jsonl, rss, atom; - for JSONL on stdin)
                                             into the store and update its events; with --enqueue, only queue
                                             them for workers. Files the store has whole and unchanged are not
                                             read again, unless --reread
  newsdesk worker [--db STORE] [--until-idle]
                                             work on a store's queue (understand, place into events, summarise)
                                             until stopped (SIGINT/SIGTERM); many may run, on many machines,
                                             against one PostgreSQL store
  newsdesk analyze <path...> [--json]        run everything in memory and print the report
  newsdesk events [--db FILE] [--limit N] [--page P] [--order size|recent] [--json]
                                             list the stored events, biggest first (or newest first
                                             with --order recent), 20 a page
  newsdesk show <event-id> [--db FILE] [--json [--include PARTS]]
                                             one stored event with its summary and sources; --json gives
                                             what GET /api/events/{id} gives: compact, with the parts named
                                             in PARTS whole (articles, entities, quotes, comparison,
                                             sharedPassages, or all)
  newsdesk search <query> [--from DATE] [--to DATE] [--outlet NAME] [--entity NAME] [--limit N] [--page P]
                          [--db FILE] [--json]
                                             stored articles matching the words (a name finds its other
                                             spellings), best first, with the matching passage, N a page
                                             (default 20): how many match, and the events of the hits
  newsdesk serve [--port N] [--host ADDR] [--db STORE]
                                             the web interface and the HTTP API over the store (default
                                             http://127.0.0.1:8080/; see /api/openapi.json); POST needs $NEWSDESK_TOKEN
  newsdesk timeline <path...> [--dates N] [--sentences K] [--json]
                                             the N dates that matter most in these articles (default 10),
                                             each told in K sentences (default 2) that cite their articles
  newsdesk timeline --db STORE (--query WORDS | --event ID) [--dates N] [--sentences K] [--json]
                                             the same over the store: of the articles matching the words
                                             (best 200), or of one event's reports
  newsdesk eval clusters <labelled.jsonl> [--json]
                                             group labelled articles (a "label" field on each line) and
                                             print B-cubed and pairwise precision, recall and F1
  newsdesk eval entities <names.jsonl> [--types PER,ORG,LOC] [--json]
                                             find the names in annotated documents (a "text" and its
                                             "entities" as typed spans a line, as ../shared/data/ner) and
                                             print precision, recall and F1 per type, for each name written
                                             (exact span and type) and for each document's set of names
  newsdesk eval rouge <system.txt> <reference.txt> [--json]
                                             ROUGE-1, -2 and -L (precision, recall, F1) of a text against a reference
  newsdesk eval timeline <system.json> <gold.jsonl> [--json]
                                             date F1 and concatenated, date-agreement and date-aligned ROUGE-1/2
                                             of a timeline (newsdesk timeline --json) against a gold one

Options:
  --db STORE       the store: a SQLite file, or postgres://user:password@host:port/database
                   (default: $NEWSDESK_DB or ./newsdesk.db)
  --outlets FILE   your own outlet registry (same shape as data/outlets.json); repeatable
  --words N        an event summary's length in words at most (default 120; ingest, analyze)
  --json           machine-readable output
  --quiet          no progress or summary lines on stderr (problems are still reported)
  -h, --help       this text
  -v, --version    the version

Exit codes: 0 done; 1 could not run; 2 done, but some input was skipped.
`;

const OPTIONS = {
  db: { type: 'string' },
  outlets: { type: 'string', multiple: true },
  words: { type: 'string' },
  dates: { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
  outlet: { type: 'string' },
  entity: { type: 'string' },
  limit: { type: 'string' },
  page: { type: 'string' },
  query: { type: 'string' },
  include: { type: 'string' },
  types: { type: 'string' },
  event: { type: 'string' },
  order: { type: 'string' },
  port: { type: 'string' },
  host: { type: 'string' },
  enqueue: { type: 'boolean', default: false },
  reread: { type: 'boolean', default: false },
  'until-idle': { type: 'boolean', default: false },
  sentences: { type: 'string' },
  json: { type: 'boolean', default: false },
  quiet: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
  version: { type: 'boolean', short: 'v', default: false },
} satisfies ParseArgsConfig['options'];

class UsageError extends Error {}
/** A failure that is not a matter of usage (a store that is not there): its message is the whole story. */
class RunError extends Error {}

/** Events a page of `newsdesk events` lists unless --limit says otherwise. */
const EVENTS_PAGE = 20;

/** The usage lines of one command (its line and the lines that continue it), or null for an unknown command. */
export function commandUsage(command: string): string | null {
  const lines = USAGE.split('\n');
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!lines[i].startsWith(`  newsdesk ${command} `) && lines[i] !== `  newsdesk ${command}`) continue;
    out.push(lines[i]);
    while (i + 1 < lines.length && /^\s{20,}\S/.test(lines[i + 1])) out.push(lines[++i]);
  }
  return out.length ? `Usage:\n${out.join('\n')}\n\n${USAGE.slice(USAGE.indexOf('Options:'))}` : null;
}

/** "Unknown option '--lmit'" → the same with the nearest option the command line knows, when one is near. */
function unknownOption(message: string): string {
  const given = /Unknown option '(-{1,2}[^']+)'/.exec(message)?.[1];
  if (!given) return message;
  const name = given.replace(/^-+/, '').split('=')[0];
  const nearest = Object.keys(OPTIONS)
    .map((o) => ({ o, d: editDistance(name, o) }))
    .sort((x, y) => x.d - y.d || x.o.localeCompare(y.o))[0];
  return nearest && nearest.d <= Math.max(2, Math.floor(name.length / 3)) ? `unknown option ${given}: did you mean --${nearest.o}?` : `unknown option ${given}`;
}

/** A whole number of at least 1 given for `--name`, or undefined when the option is absent. */
function count(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`--${name} needs a whole number of at least 1 (got "${value}")`);
  return n;
}

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    throw new UsageError(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message}`);
  }
}

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

export async function main(argv: string[], io: Io = { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env }): Promise<number> {
  // Everything printed carries text the inputs chose (file names, ids, outlets, titles): control characters in it are
  // escaped here, at the only two ways out, so that no command or message can send a terminal an escape sequence.
  const write = (text: string) => io.stdout.write(forTerminal(text));
  const say = (text: string) => io.stderr.write(`${forTerminal(text)}\n`);
  // The store's location, for a message should the store fail (set once the arguments are read).
  let shownDb = '';
  try {
    const { values, positionals } = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
    if (values.version) {
      write(`${version()}\n`);
      return 0;
    }
    const [command, ...args] = positionals;
    if (command === 'help' || (values.help && !command)) {
      write((args[0] && commandUsage(args[0])) || USAGE);
      return 0;
    }
    if (values.help) {
      write(commandUsage(command) ?? USAGE);
      return 0;
    }
    if (!command) {
      io.stderr.write(USAGE);
      return 1;
    }
    const dbFile = values.db ?? io.env.NEWSDESK_DB ?? 'newsdesk.db';
    shownDb = displayLocation(dbFile);
    // A command that reads a store refuses one that is not there: opening it would create an empty one.
    const existingStore = () => {
      if (!isPostgresUrl(dbFile) && !existsSync(dbFile)) throw new RunError(`no store at ${shownDb}: ingest articles into it first (newsdesk ingest <path> --db ${shownDb})`);
      return openStore(dbFile);
    };
    let loaded: OutletRegistry | undefined;
    const registry = () => (loaded ??= OutletRegistry.load(values.outlets ?? []));
    // Progress on a terminal, for the commands that read and analyse; never with --quiet or --json.
    const progress = new Progress(io.stderr as NodeJS.WriteStream, !values.quiet && !values.json);
    const onProgress = (phase: string, done: number, total: number | null) => progress.update(phase, done, total);
    const eventOptions = { words: count(values.words, 'words'), profileOf: (name: string) => registry().lookup(name), onProgress };
    const onRead = (n: number) => progress.update('reading articles', n, null);
    let skipped = 0;
    const onDiagnostic = (d: Diagnostic) => {
      if (d.severity === 'skipped') skipped++;
      progress.done();
      say(formatDiagnostic(d));
    };

    switch (command) {
      case 'analyze': {
        if (!args.length) throw new UsageError('analyze needs at least one path (a file, a folder, or - for stdin)');
        const cleaned = await readAndClean(args, { stdin: io.stdin, registry: registry(), onDiagnostic, onProgress: onRead });
        const analysis = analyzeArticles(cleaned.articles, eventOptions);
        progress.done();
        const { articles, events } = analysis;
        const report: Report = { articles, events, merged: analysis.merged, diagnostics: cleaned.diagnostics };
        if (values.json) write(`${JSON.stringify(report, null, 2)}\n`);
        else {
          write(`${articles.length} articles, ${report.events.length} events${skipped ? `, ${skipped} inputs skipped` : ''}\n\n`);
          write(report.events.map((e) => formatEvent(e, articles)).join('\n'));
        }
        return skipped ? 2 : 0;
      }
      case 'ingest': {
        if (!args.length) throw new UsageError('ingest needs at least one path (a file, a folder, or - for stdin)');
        const store = await openStore(dbFile);
        try {
          // Batch by batch into the store's queue, so that memory does not grow with the input.
          const counts = { added: 0, updated: 0, unchanged: 0 };
          let queued = 0;
          const ledger = new InputLedger(store);
          const skipFile = values.reread ? undefined : ledger.unchanged;
          for await (const { articles, filesRead } of readAndCleanBatches(args, { stdin: io.stdin, registry: registry(), onDiagnostic, onProgress: onRead, skipFile })) {
            const batch = await queueArticles(store, articles, { log: say, onDiagnostic });
            await ledger.record(filesRead);
            counts.added += batch.added;
            counts.updated += batch.updated;
            counts.unchanged += batch.unchanged;
            queued += batch.queued;
          }
          if (!values.enqueue) await work(store, { events: eventOptions, log: say, expectedArticles: queued });
          progress.done();
          const { articles: stored, events } = await storeTotals(store, { log: say });
          const summary = { ...counts, skipped, unchangedFiles: ledger.skipped, articles: stored, events, db: shownDb };
          if (values.json) write(`${JSON.stringify(summary)}\n`);
          else if (!values.quiet) {
            const waiting = values.enqueue ? `; ${queued} queued for workers` : '';
            if (ledger.skipped) say(`newsdesk: ${ledger.skipped} ${ledger.skipped === 1 ? 'file' : 'files'} unchanged since ingested into ${shownDb}: not read again (--reread reads them)`);
            say(`newsdesk: ${counts.added} added, ${counts.updated} updated, ${counts.unchanged} unchanged, ${skipped} skipped; the store ${shownDb} holds ${stored} articles in ${events} events${waiting}`);
          }
        } finally {
          await store.close();
        }
        return skipped ? 2 : 0;
      }
      case 'worker': {
        if (args.length) throw new UsageError(`worker takes no arguments (got ${args.join(' ')})`);
        const store = await existingStore();
        const stop = new AbortController();
        const onSignal = () => stop.abort();
        process.once('SIGINT', onSignal);
        process.once('SIGTERM', onSignal);
        try {
          if (!values.quiet) say(`newsdesk: worker on ${shownDb}${values['until-idle'] ? ' until its queue is empty' : '; stop with Ctrl-C or SIGTERM'}`);
          const done = await work(store, { events: eventOptions, log: say, untilIdle: values['until-idle'], signal: stop.signal, pollMs: 500 });
          progress.done();
          if (values.json) write(`${JSON.stringify(done)}\n`);
          else if (!values.quiet) say(`newsdesk: worker done: ${done.jobs} jobs (${done.added} added, ${done.updated} updated), ${done.placements} placements, ${done.events} events written`);
        } finally {
          process.off('SIGINT', onSignal);
          process.off('SIGTERM', onSignal);
          await store.close();
        }
        return 0;
      }
      case 'events': {
        if (args.length) throw new UsageError(`events takes no arguments (got ${args.join(' ')})`);
        const store = await existingStore();
        try {
          const limit = count(values.limit, 'limit') ?? EVENTS_PAGE;
          const page = count(values.page, 'page') ?? 1;
          if (values.order !== undefined && values.order !== 'size' && values.order !== 'recent') throw new UsageError(`--order needs size or recent (got "${values.order}")`);
          const { events, total } = await store.events({ limit, offset: (page - 1) * limit, order: values.order as 'size' | 'recent' | undefined });
          if (total && !events.length) throw new RunError(`page ${page} is past the end: ${shownDb} holds ${total} events, ${Math.ceil(total / limit)} pages of ${limit}`);
          const articles = values.json ? [] : await store.articles(events.flatMap((e) => e.articles));
          write(values.json ? `${JSON.stringify(events, null, 2)}\n` : formatEventList(events, articles));
          // A hint for people, on stderr so that stdout stays one line an event for scripts.
          if (!values.json && !values.quiet && events.length) {
            const pages = Math.ceil(total / limit);
            say(`\nEvents ${(page - 1) * limit + 1}–${(page - 1) * limit + events.length} of ${total}${page < pages ? ` (next: --page ${page + 1})` : ''}. One event in full: npx newsdesk show <event-id>`);
          }
        } finally {
          await store.close();
        }
        return 0;
      }
      case 'show': {
        if (args.length !== 1) throw new UsageError('show needs one event id (see newsdesk events)');
        const store = await existingStore();
        try {
          let event = await store.event(args[0]);
          const into = event ? undefined : await store.mergedInto(args[0]);
          if (into) event = await store.event(into);
          if (!event) {
            say(`newsdesk: no event ${args[0]} in ${shownDb} (see newsdesk events)`);
            return 1;
          }
          if (into) say(`newsdesk: event ${args[0]} was merged into ${into}; showing that.`);
          if (values.json) {
            // The same JSON as GET /api/events/{id}: compact unless --include names the parts wanted whole.
            let include;
            try {
              include = parseInclude(values.include);
            } catch (err) {
              throw new UsageError(`--include: ${(err as Error).message}`);
            }
            write(`${JSON.stringify(eventView(event, include, into ? args[0] : undefined), null, 2)}\n`);
          } else write(formatEvent(event, await store.articles(articlesShownWith(event)))); // a bounded number, for an event of any size
        } finally {
          await store.close();
        }
        return 0;
      }
      case 'search': {
        if (!args.length) throw new UsageError('search needs words to look for');
        for (const [name, value] of [['from', values.from], ['to', values.to]] as const) {
          if (value !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(value)) throw new UsageError(`--${name} needs a date as YYYY-MM-DD (got "${value}")`);
        }
        const size = count(values.limit, 'limit') ?? SEARCH_PAGE_SIZE;
        const page = count(values.page, 'page') ?? 1;
        const outOfReach = pageOutOfReach(page, size);
        if (outOfReach) throw new RunError(outOfReach);
        const store = await existingStore();
        try {
          const text = args.join(' ');
          const result = asPage(await searchArticlesAndEvents(store, { text, from: values.from, to: values.to, outlet: values.outlet, entity: values.entity, limit: size, offset: pageOffset(page, size) }), page, size);
          if (page > 1 && !result.hits.length) {
            const pages = Math.ceil(result.total / size);
            throw new RunError(`page ${page} is past the end: ${result.total ? `${result.total} article${result.total === 1 ? '' : 's'} for “${text}”, ${pages} page${pages === 1 ? '' : 's'} of ${size}` : `no articles for “${text}”`}`);
          }
          write(values.json ? `${JSON.stringify(result, null, 2)}\n` : formatSearch(result));
        } finally {
          await store.close();
        }
        return 0;
      }
      case 'serve': {
        if (args.length) throw new UsageError(`serve takes no arguments (got ${args.join(' ')})`);
        const port = values.port === undefined ? 8080 : Number(values.port);
        if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port needs a port number (got "${values.port}")`);
        const store: NewsStore = await openStore(dbFile);
        const app = await buildServer({ store, registry: registry(), token: io.env.NEWSDESK_TOKEN || undefined, events: { ...eventOptions, onProgress: undefined }, storeLocation: dbFile, log: say });
        const address = await app.listen({ port, host: values.host ?? '127.0.0.1' });
        if (!values.quiet) say(`newsdesk: serving ${shownDb}: the web interface at ${address}/, the API at ${address}/api/events (OpenAPI: ${address}/api/openapi.json)${io.env.NEWSDESK_TOKEN ? '' : '; writing disabled (no NEWSDESK_TOKEN)'}`);
        await new Promise<void>((resolve) => {
          const stop = () => void app.close().then(() => store.close()).then(resolve);
          process.once('SIGINT', stop);
          process.once('SIGTERM', stop);
        });
        return 0;
      }
      case 'timeline': {
        const options = { dates: count(values.dates, 'dates'), sentences: count(values.sentences, 'sentences') };
        if (!args.length && (values.query !== undefined || values.event !== undefined)) {
          const store = await existingStore();
          try {
            let articles: Article[];
            let timeline: TimelineDate[];
            if (values.event !== undefined) {
              const event = (await store.eventOutline((await store.mergedInto(values.event)) ?? values.event))?.event;
              if (!event) throw new RunError(`no event ${values.event} in ${shownDb} (see newsdesk events)`);
              articles = await store.articles(event.articles.slice(0, TIMELINE_ARTICLES));
              timeline = timelineOf(articles, options);
            } else {
              const topic = await topicTimeline(store, { text: values.query! }, options);
              timeline = topic.timeline;
              articles = await store.articles(topic.reports.map((r) => r.id));
            }
            write(values.json ? `${JSON.stringify(timeline, null, 2)}\n` : formatTimeline(timeline, articles));
          } finally {
            await store.close();
          }
          return 0;
        }
        if (!args.length) throw new UsageError('timeline needs at least one path (a file, a folder, or - for stdin), or a store with --query WORDS or --event ID');
        const { articles } = await readAndClean(args, { stdin: io.stdin, registry: registry(), onDiagnostic });
        const timeline = timelineOf(articles, options);
        write(values.json ? `${JSON.stringify(timeline, null, 2)}\n` : formatTimeline(timeline, articles));
        return skipped ? 2 : 0;
      }
      case 'eval': {
        const [what, ...files] = args;
        if (what === 'clusters' && files.length === 1) {
          const { articles } = await readAndClean(files, { stdin: io.stdin, registry: registry(), onDiagnostic });
          const { analysis: _analysis, ...scores } = evaluateClusters(articles);
          write(values.json ? `${JSON.stringify(scores, null, 2)}\n` : formatClusterEvaluation(scores));
          return skipped ? 2 : 0;
        }
        if (what === 'entities' && files.length === 1) {
          const types = values.types === undefined ? SCORED_ENTITY_TYPES : values.types.split(',').map((t) => t.trim()).filter(Boolean);
          if (!types.length) throw new UsageError('--types needs entity types separated by commas (e.g. PER,ORG,LOC)');
          let docs;
          try {
            docs = parseEntityDocuments(readText(files[0]), files[0]);
          } catch (err) {
            if (err instanceof UsageError) throw err;
            // A file that is not of the format: its line and what is wrong say it all.
            throw new RunError((err as Error).message);
          }
          const scores = evaluateEntities(docs, newsdeskEntities, types);
          write(values.json ? `${JSON.stringify({ types, ...scores }, null, 2)}\n` : formatEntityEvaluation(scores, types));
          return 0;
        }
        if (what === 'rouge' && files.length === 2) {
          const scores = rouge(readText(files[0]), readText(files[1]));
          write(values.json ? `${JSON.stringify(scores, null, 2)}\n` : formatRouge(scores));
          return 0;
        }
        if (what === 'timeline' && files.length === 2) {
          const read = (file: string, parse: (text: string) => Timeline) => {
            try {
              return parse(readText(file));
            } catch (err) {
              if (err instanceof UsageError) throw err;
              throw new UsageError(`${file}: ${(err as Error).message}`);
            }
          };
          // Either file may be JSON (newsdesk timeline --json) or JSONL (one date a line, as the gold timelines are).
          const parse = (text: string) => (text.trimStart().startsWith('[') ? readTimelineJson(text) : readTimelineJsonl(text));
          const scores = evaluateTimeline(read(files[0], parse), read(files[1], parse));
          write(values.json ? `${JSON.stringify(scores, null, 2)}\n` : formatTimelineEvaluation(scores));
          return 0;
        }
        throw new UsageError('eval needs one of: eval clusters <labelled.jsonl> | eval entities <names.jsonl> | eval rouge <system.txt> <reference.txt> | eval timeline <system.json> <gold.jsonl>');
      }
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } catch (err) {
    const code = (err as { code?: string }).code;
    const usage = err instanceof UsageError || code?.startsWith('ERR_PARSE_ARGS');
    const message = code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' ? unknownOption((err as Error).message) : (err as Error).message;
    say(`newsdesk: ${err instanceof RunError ? message : (storeFailure(err, shownDb) ?? message)}${usage ? '\nRun newsdesk --help for usage.' : ''}`);
    return 1;
  }
}
