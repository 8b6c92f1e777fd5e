// The labelled development set for event grouping: the five Timeline17 topics (label = topic) mixed with the seeds
// (label = the event each tells), written as one JSONL file with ids made unique across topics.
import { readFileSync, readdirSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';

/** The seeds' events, by file prefix: 000–003 report the Tehran meeting, 004 the later Aleppo statement. */
const SEED_LABELS: Record<string, string> = { '000': 'seeds-tehran', '001': 'seeds-tehran', '002': 'seeds-tehran', '003': 'seeds-tehran', '004': 'seeds-aleppo' };

export const T17_TOPICS = ['egypt', 'finan', 'h1n1', 'haiti', 'mj'];

/** The records of a JSONL file (one JSON value a line; blank lines skipped), as the development sets are written. */
export function readJsonLines<T>(file: string): T[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as T);
}

/** Writes the development set to `file` from `shared` (the ../shared folder); returns how many articles it holds. */
export function writeDevSet(shared: string, file: string): number {
  const lines: string[] = [];
  for (const topic of T17_TOPICS) {
    const source = path.join(shared, 'data', 't17', topic, 'articles.jsonl');
    for (const line of readFileSync(source, 'utf8').split('\n')) {
      if (!line.trim()) continue;
      const o = JSON.parse(line) as { id: string; published: string; text: string };
      lines.push(JSON.stringify({ id: `${topic}-${o.id}`, published: o.published, text: o.text, label: topic }));
    }
  }
  const seeds = path.join(shared, 'seeds');
  if (existsSync(seeds)) {
    for (const f of readdirSync(seeds).filter((x) => x.endsWith('.txt')).sort()) {
      const label = SEED_LABELS[f.slice(0, 3)];
      if (!label) continue;
      lines.push(JSON.stringify({ id: f.replace(/\.txt$/, ''), text: readFileSync(path.join(seeds, f), 'utf8'), label }));
    }
  }
  writeFileSync(file, `${lines.join('\n')}\n`);
  return lines.length;
}
