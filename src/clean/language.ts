// Language detection on the body (never the title: short titles are misread), as ISO 639-1.
// Fast path: a clear share of one major language's function words settles it in microseconds. Otherwise franc
// (trigram profiles of 82 languages, about a millisecond an article) decides, its 639-3 codes mapped to 639-1.
import { franc } from 'franc-min';
import { iso6393To1 } from 'iso-639-3';
import { loadJson } from '../data.js';

const table = loadJson<{ macrolanguage: Record<string, string>; functionWords: Record<string, string[] | string> }>('languages.json');
const FUNCTION_WORDS = new Map<string, string>(); // word → language; words shared by two languages are left out
for (const [lang, words] of Object.entries(table.functionWords)) {
  if (!Array.isArray(words)) continue;
  for (const w of words) FUNCTION_WORDS.set(w, FUNCTION_WORDS.has(w) && FUNCTION_WORDS.get(w) !== lang ? '' : lang);
}

/** Enough text to tell languages apart; franc's accuracy flattens out well before this and its cost grows with length. */
const SAMPLE_CHARS = 1000;
/** Below this many characters franc's guesses are unreliable: say "unknown" instead. */
const MIN_CHARS = 40;
/** The fast path needs this many words to look at… */
const MIN_WORDS = 30;
/** …a share of them that are the leading language's function words (English news runs at 40–50%)… */
const MIN_SHARE = 0.15;
/** …and this lead over the next language. */
const MIN_LEAD = 4;

function byFunctionWords(sample: string): string | null {
  const counts = new Map<string, number>();
  let words = 0;
  for (const m of sample.toLowerCase().matchAll(/[a-zà-ÿ]+/g)) {
    words++;
    const lang = FUNCTION_WORDS.get(m[0]);
    if (lang) counts.set(lang, (counts.get(lang) ?? 0) + 1);
  }
  if (words < MIN_WORDS) return null;
  const ranked = [...counts].sort((a, b) => b[1] - a[1]);
  const [first, second] = ranked;
  if (!first || first[1] < MIN_SHARE * words || first[1] < MIN_LEAD * (second?.[1] ?? 0.5)) return null;
  return first[0];
}

/** A language tag as a page declares it (`en-GB`, `fil`, `haw`) → ISO 639-1 where one exists, else the 639-3 code. */
export function languageFromTag(tag: string): string | null {
  const primary = tag.trim().toLowerCase().split(/[-_]/)[0];
  if (/^[a-z]{2}$/.test(primary)) return primary;
  if (/^[a-z]{3}$/.test(primary)) return iso6393To1[primary] ?? table.macrolanguage[primary] ?? primary;
  return null;
}

export function detectLanguage(body: string): string | null {
  const sample = body.slice(0, SAMPLE_CHARS);
  const quick = byFunctionWords(sample);
  if (quick) return quick;
  const code = franc(sample, { minLength: MIN_CHARS });
  if (code === 'und') return null;
  return iso6393To1[code] ?? table.macrolanguage[code] ?? code;
}
