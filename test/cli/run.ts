// Runs the CLI in-process: `main(argv, io)` with in-memory streams, and the exit code and both outputs as strings.
import { PassThrough, Readable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { main } from '../../src/cli/main.js';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  /** What the command reads on stdin (for `-`); an empty stream when not given. */
  stdin?: string | Buffer;
  /** Environment for the command; NEWSDESK_DB is the only variable it reads. Defaults to an empty environment. */
  env?: Record<string, string | undefined>;
}

function collect(stream: PassThrough): () => string {
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer | string) => chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk));
  return () => Buffer.concat(chunks).toString('utf8');
}

export async function run(argv: string[], options: RunOptions = {}): Promise<CliResult> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out = collect(stdout);
  const err = collect(stderr);
  const stdin = Readable.from(options.stdin === undefined ? [] : [Buffer.from(options.stdin)]);
  const code = await main(argv, { stdout, stderr, stdin, env: options.env ?? {} });
  stdout.end();
  stderr.end();
  // Every chunk written has reached the collectors once both sides of each stream are done.
  await Promise.all([finished(stdout), finished(stderr)]);
  return { code, stdout: out(), stderr: err() };
}

/** The lines written to stderr, without the trailing empty one. */
export function lines(text: string): string[] {
  return text.split('\n').filter((l) => l !== '');
}
