// Knowledge lives in data/ as JSON; this reads it relative to the package, from src/ (tests) and dist/ (built) alike.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

export const DATA_DIR = fileURLToPath(new URL('../data/', import.meta.url));

export function loadJson<T>(name: string): T {
  return JSON.parse(readFileSync(path.join(DATA_DIR, name), 'utf8')) as T;
}
