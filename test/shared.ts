// Paths to the shared test material beside the repository (../shared), and small loaders for it.
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { RawArticle } from '../src/model.js';

export const SHARED = fileURLToPath(new URL('../../shared/', import.meta.url));
export const SEEDS = `${SHARED}seeds/`;
export const T17 = `${SHARED}data/t17/`;
export const T17_TOPICS = ['egypt', 'finan', 'h1n1', 'haiti', 'mj'] as const;

/** The seeds as raw text articles, keyed by their three-digit prefix. */
export function seedRaws(): RawArticle[] {
  return readdirSync(SEEDS)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => ({ id: f.replace(/\.txt$/, ''), source: SEEDS + f, format: 'text' as const, text: readFileSync(SEEDS + f, 'utf8') }));
}

/** One T17 topic's articles as raw JSONL records. */
export function t17Raws(topic: string): RawArticle[] {
  return readFileSync(`${T17}${topic}/articles.jsonl`, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l, i) => {
      const o = JSON.parse(l) as { id: string; published: string; text: string };
      return { id: o.id, source: `${topic}/articles.jsonl:${i + 1}`, format: 'jsonl' as const, text: o.text, published: o.published };
    });
}
