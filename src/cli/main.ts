// The `newsdesk` command. Parses arguments, runs the pipeline, talks to the store, prints. Exit codes:
//   0  done, every input read
//   1  the command could not run (bad arguments, a store that cannot be opened)
//   2  done, but some input was skipped (each said once on stderr, naming it and the reason)
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { readFileSync } from 'node:fs';
import type { Article, Diagnostic, Report } from '../model.js';
import { OutletRegistry } from '../clean/index.js';
import { analyzeArticles, readAndClean } from '../pipeline/index.js';
import { OnlineClusterer } from '../cluster/index.js';
import { evaluateClusters } from '../eval/index.js';
import { Store } from '../store/index.js';
import { formatClusterEvaluation, formatDiagnostic, formatEvent, formatEventList } from './format.js';

export interface Io {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  stdin: NodeJS.ReadableStream;
  env: Record<string, string | undefined>;
}

const USAGE = `newsdesk — turn raw news reports into events you can check

Usage:
  newsdesk ingest <path...> [--db FILE]      read files or folders (txt, html, jsonl, rss, atom; - for JSONL on stdin)
                                             into the store and update its events
  newsdesk analyze <path...> [--json]        run everything in memory and print the report
  newsdesk events [--db FILE] [--json]       list the stored events
  newsdesk show <event-id> [--db FILE] [--json]
                                             one stored event with its summary and sources
  newsdesk eval clusters <labelled.jsonl> [--json]
                                             group labelled articles (a "label" field on each line) and
                                             print B-cubed and pairwise precision, recall and F1

Options:
  --db FILE        the store (default: $NEWSDESK_DB or ./newsdesk.db)
  --outlets FILE   your own outlet registry (same shape as data/outlets.json); repeatable
  --json           machine-readable output
  --quiet          no progress or summary lines on stderr (problems are still reported)
  -h, --help       this text
  -v, --version    the version

Exit codes: 0 done; 1 could not run; 2 done, but some input was skipped.
`;

const OPTIONS = {
  db: { type: 'string' },
  outlets: { type: 'string', multiple: true },
  json: { type: 'boolean', default: false },
  quiet: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
  version: { type: 'boolean', short: 'v', default: false },
} satisfies ParseArgsConfig['options'];

class UsageError extends Error {}

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

export async function main(argv: string[], io: Io = { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env }): Promise<number> {
  const write = (text: string) => io.stdout.write(text);
  const say = (text: string) => io.stderr.write(`${text}\n`);
  try {
    const { values, positionals } = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
    if (values.version) {
      write(`${version()}\n`);
      return 0;
    }
    const [command, ...args] = positionals;
    if (values.help || command === 'help') {
      write(USAGE);
      return 0;
    }
    if (!command) {
      io.stderr.write(USAGE);
      return 1;
    }
    const dbFile = values.db ?? io.env.NEWSDESK_DB ?? 'newsdesk.db';
    const registry = () => OutletRegistry.load(values.outlets ?? []);
    let skipped = 0;
    const onDiagnostic = (d: Diagnostic) => {
      if (d.severity === 'skipped') skipped++;
      say(formatDiagnostic(d));
    };

    switch (command) {
      case 'analyze': {
        if (!args.length) throw new UsageError('analyze needs at least one path (a file, a folder, or - for stdin)');
        const cleaned = await readAndClean(args, { stdin: io.stdin, registry: registry(), onDiagnostic });
        const analysis = analyzeArticles(cleaned.articles);
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
        const { articles } = await readAndClean(args, { stdin: io.stdin, registry: registry(), onDiagnostic });
        const store = Store.open(dbFile);
        try {
          const result = store.upsertArticles(articles);
          // The stream goes on: the clusterer resumes from the store's state and places only the new articles.
          const saved = store.clusterState();
          const analysis = analyzeArticles(store.articles(), {}, saved ? OnlineClusterer.fromJSON(saved) : undefined);
          store.saveAnalysis(analysis.articles, analysis.events, analysis.merged, analysis.clusterer.toJSON());
          const all = analysis.articles;
          const events = analysis.events;
          const summary = { ...result, skipped, articles: all.length, events: events.length, db: dbFile };
          if (values.json) write(`${JSON.stringify(summary)}\n`);
          else if (!values.quiet) {
            say(`newsdesk: ${result.added} added, ${result.updated} updated, ${result.unchanged} unchanged, ${skipped} skipped; the store ${dbFile} holds ${all.length} articles in ${events.length} events`);
          }
        } finally {
          store.close();
        }
        return skipped ? 2 : 0;
      }
      case 'events': {
        if (args.length) throw new UsageError(`events takes no arguments (got ${args.join(' ')})`);
        const store = Store.open(dbFile);
        try {
          const events = store.events();
          write(values.json ? `${JSON.stringify(events, null, 2)}\n` : formatEventList(events, store.articles()));
          // A hint for people, on stderr so that stdout stays one line an event for scripts.
          if (!values.json && !values.quiet && events.length) say('\nOne event in full: npx newsdesk show <event-id>');
        } finally {
          store.close();
        }
        return 0;
      }
      case 'show': {
        if (args.length !== 1) throw new UsageError('show needs one event id (see newsdesk events)');
        const store = Store.open(dbFile);
        try {
          const into = store.event(args[0]) ? undefined : store.mergedInto(args[0]);
          const event = store.event(into ?? args[0]);
          if (!event) {
            say(`newsdesk: no event ${args[0]} in ${dbFile} (see newsdesk events)`);
            return 1;
          }
          if (into) say(`newsdesk: event ${args[0]} was merged into ${into}; showing that.`);
          const articles = event.articles.map((id) => store.article(id)).filter((a): a is Article => Boolean(a));
          write(values.json ? `${JSON.stringify({ event, articles }, null, 2)}\n` : formatEvent(event, articles));
        } finally {
          store.close();
        }
        return 0;
      }
      case 'eval': {
        const [what, file] = args;
        if (what !== 'clusters' || !file || args.length !== 2) throw new UsageError('eval needs: eval clusters <labelled.jsonl> (each line with a "label")');
        const { articles } = await readAndClean([file], { stdin: io.stdin, registry: registry(), onDiagnostic });
        const result = evaluateClusters(articles);
        const { analysis: _analysis, ...scores } = result;
        if (values.json) write(`${JSON.stringify(scores, null, 2)}\n`);
        else write(formatClusterEvaluation(scores));
        return skipped ? 2 : 0;
      }
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } catch (err) {
    const usage = err instanceof UsageError || (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
    say(`newsdesk: ${(err as Error).message}${usage ? '\nRun newsdesk --help for usage.' : ''}`);
    return 1;
  }
}
