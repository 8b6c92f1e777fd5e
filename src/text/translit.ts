// A transliteration skeleton for names: Arabic, Persian and Russian names reach English in several spellings
// (Dehghan/Dehqan, Freij/al-Freij, Jassim/Jassem, Tehran/Teheran). The skeleton keeps what the spellings agree on:
// the first letter and the consonants, with the letters that transliterations swap folded together.

/** Arabic article prefixes written with a hyphen: al-, el-, and their assimilated forms (ash-, ad-, ar-, …). */
const ARTICLE = /^(?:al|el|ad|an|as|ash|at|az|ar|ul|ud|ur|ibn|bin|abd)-/;

export function nameSkeleton(word: string): string {
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
