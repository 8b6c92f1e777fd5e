// Paths and temp folders shared by the CLI tests. Every input besides the samples and the seeds is generated at test
// time in a temp folder and removed afterwards.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root. */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** The five real reports beside the repository (000–003 one event, 004 another). */
export const SEEDS = fileURLToPath(new URL('../../../shared/seeds/', import.meta.url));
export const SAMPLES = path.join(ROOT, 'samples');

const made: string[] = [];

export function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'newsdesk-cli-'));
  made.push(dir);
  return dir;
}

export function removeTempDirs(): void {
  for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}

/** The seed files' ids (base names), sorted. */
export function seedIds(): string[] {
  return fs
    .readdirSync(SEEDS)
    .filter((f) => f.endsWith('.txt'))
    .map((f) => f.slice(0, -4))
    .sort();
}

/** Events as a set of sets, comparable regardless of order: each event's ids sorted, then the events sorted. */
export function asSets(groups: string[][]): string[][] {
  return groups.map((g) => [...g].sort()).sort((a, b) => a.join('\n').localeCompare(b.join('\n')));
}
