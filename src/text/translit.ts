// A transliteration skeleton for names: Arabic, Persian and Russian names reach English in several spellings
// (Dehghan/Dehqan, Freij/al-Freij, Jassim/Jassem, Tehran/Teheran). The skeleton keeps what the spellings agree on:
// the first letter and the consonants, with the letters that transliterations swap folded together.

/** Arabic article prefixes written with a hyphen: al-, el-, and their assimilated forms (ash-, ad-, ar-, …). */
const ARTICLE = /^(?:al|el|ad|an|as|ash|at|az|ar|ul|ud|ur|ibn|bin|abd)-/;

const skeletons = new Map<string, string>();

export function nameSkeleton(word: string): string {
  const known = skeletons.get(word);
  if (known !== undefined) return known;
  const skeleton = computeSkeleton(word);
  if (skeletons.size > 100_000) skeletons.clear();
  skeletons.set(word, skeleton);
  return skeleton;
}

function computeSkeleton(word: string): string {
  let w = word
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/['’]s$/, '')
    .replace(ARTICLE, '')
    .replace(/[^a-z]/g, '');
  if (!w) return '';
  w = w
    .replace(/kh/g, 'k')
    .replace(/gh/g, 'g')
    .replace(/[qg]/g, 'k') // qaf and ghain: q, gh, g, k
    .replace(/ph/g, 'f')
    .replace(/c(?=[^eiy]|$)/g, 'k')
    .replace(/z/g, 's')
    .replace(/[jy](?=[aeiou])/g, 'y');
  // Vowels (and h, w, y that transliterations add or drop between them) go, except the first letter; doubles fold.
  return w[0] + w.slice(1).replace(/[aeiouyhw]/g, '').replace(/(.)\1+/g, '$1');
}

const CAPITALISED = /(?<![.!?…]["”’]?\s|^)(\p{Lu}[\p{L}’'-]+)/gmu;

/** Skeletons of the capitalised words that are not at a sentence start: the names in a text, spelling-proof. */
export function nameKeys(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(CAPITALISED)) {
    const key = nameSkeleton(m[1]);
    if (key.length > 2) out.push(`=${key}`);
  }
  return out;
}

/** Levenshtein edit distance, with an early exit once it exceeds `max`. */
export function editDistance(a: string, b: string, max = Infinity): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (cur[j] < best) best = cur[j];
    }
    if (best > max) return max + 1;
    prev = cur;
  }
  return prev[b.length];
}

/** Folds a name part for comparison: lower case, no accents, no Arabic article, letters only. */
export function plainName(part: string): string {
  return part
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/['’]s$/, '')
    .replace(ARTICLE, '')
    .replace(/[^a-z]/g, '');
}

/**
 * A name spelled with the letters transliterations swap folded together, vowels kept: "Dehghan" and "Dehqan" both
 * become "dehkan"; "Suleiman" and "Salman" stay apart (their vowels differ, not their transliteration).
 */
export function foldedName(part: string): string {
  return plainName(part)
    .replace(/kh/g, 'k')
    .replace(/gh/g, 'g')
    .replace(/[qg]/g, 'k')
    .replace(/ph/g, 'f')
    .replace(/ou/g, 'u')
    .replace(/ee/g, 'i')
    .replace(/c(?=[^eiy]|$)/g, 'k')
    .replace(/z/g, 's')
    .replace(/(.)\1+/g, '$1');
}

const memo = new Map<string, boolean>();

/**
 * Are two spellings one name? The same letters once folded (Freij/al-Freij, Dehghan/Dehqan, Moubarak/Mubarak), or —
 * for names of five letters or more — the same consonant skeleton and one edit apart once folded (Jassim/Jassem,
 * Tehran/Teheran, Suleiman/Suliman; two edits for names of eight letters or more). Short names must match exactly:
 * Chan and Chun are two people.
 */
export function sameNamePart(a: string, b: string): boolean {
  const k = a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`;
  const hit = memo.get(k);
  if (hit !== undefined) return hit;
  const x = foldedName(a);
  const y = foldedName(b);
  let same = false;
  if (x && y) {
    if (x === y) same = true;
    else if (Math.min(x.length, y.length) >= 5 && nameSkeleton(a) === nameSkeleton(b)) {
      same = editDistance(x, y, 2) <= (Math.min(x.length, y.length) >= 8 ? 2 : 1);
    }
  }
  if (memo.size > 200_000) memo.clear();
  memo.set(k, same);
  return same;
}

/** Looser, for given names once the surnames agree: Fahd/Fahad, Mohamed/Mohammed, Jassim/Jassem. */
export function compatibleGivenName(a: string, b: string): boolean {
  if (sameNamePart(a, b)) return true;
  const x = foldedName(a);
  const y = foldedName(b);
  return x.length >= 3 && y.length >= 3 && nameSkeleton(a) === nameSkeleton(b) && editDistance(x, y, 1) <= 1;
}
