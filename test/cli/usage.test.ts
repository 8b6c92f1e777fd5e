// The command line itself: usage errors exit 1 with a message and no stack trace; --help and --version exit 0.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, SEEDS } from './helpers.js';
import { lines, run } from './run.js';

const version = (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

describe('usage errors: exit 1 with a message', () => {
  const cases: Array<[string[], RegExp]> = [
    [['frobnicate'], /unknown command "frobnicate"/],
    [['analyze'], /analyze needs at least one path/],
    [['ingest'], /ingest needs at least one path/],
    [['show'], /show needs one event id/],
    [['show', 'a', 'b'], /show needs one event id/],
    [['events', 'extra'], /events takes no arguments/],
    [['--bogus'], /--bogus/],
    [['analyze', SEEDS, '--bogus'], /--bogus/],
    [['analyze', SEEDS, '--db'], /--db/],
  ];
  for (const [argv, message] of cases) {
    it(`newsdesk ${argv.map((a) => (a === SEEDS ? '<seeds>' : a)).join(' ')}`, async () => {
      const r = await run(argv);
      expect(r.code).toBe(1);
      expect(r.stdout, 'nothing on stdout').toBe('');
      const err = lines(r.stderr);
      expect(err[0]).toMatch(/^newsdesk: /);
      expect(err[0]).toMatch(message);
      expect(err.slice(1)).toEqual(['Run newsdesk --help for usage.']);
      expect(r.stderr).not.toContain('    at ');
    });
  }

  it('newsdesk (no command) shows the usage and exits 1', async () => {
    const r = await run([]);
    expect(r.code).toBe(1);
    expect(r.stdout + r.stderr).toContain('Usage:');
    expect(r.stdout + r.stderr).toContain('newsdesk analyze <path...>');
  });

  it('an --outlets file that cannot be read: exit 1, naming it, nothing analysed', async () => {
    const missing = path.join(ROOT, 'no-such-outlets.json');
    const r = await run(['analyze', SEEDS, '--outlets', missing, '--json']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(lines(r.stderr)).toHaveLength(1);
    expect(r.stderr).toContain(missing);
    expect(r.stderr).not.toContain('    at ');
  });
});

describe('help and version: exit 0', () => {
  for (const argv of [['--help'], ['-h'], ['help']]) {
    it(`newsdesk ${argv.join(' ')} prints the usage`, async () => {
      const r = await run(argv);
      expect(r.code).toBe(0);
      expect(r.stderr).toBe('');
      expect(r.stdout).toContain('Usage:');
      for (const command of ['ingest', 'analyze', 'events', 'show']) expect(r.stdout).toContain(`newsdesk ${command} `);
      for (const option of ['--db', '--outlets', '--json', '--quiet', '--help', '--version']) expect(r.stdout).toContain(option);
      expect(r.stdout).toMatch(/Exit codes: 0 .*; 1 .*; 2 /);
    });
  }

  for (const argv of [['--version'], ['-v']]) {
    it(`newsdesk ${argv.join(' ')} prints the package version`, async () => {
      const r = await run(argv);
      expect(r.code).toBe(0);
      expect(r.stdout).toBe(`${version}\n`);
      expect(r.stderr).toBe('');
    });
  }
});
