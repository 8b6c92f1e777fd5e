// Light sentence compression: parts of a reporter's sentence that a summary reader does not need. Every rule is named
// and says why; none of them rewrites what the sentence claims, and a quotation is never cut.

interface CompressionRule {
  name: string;
  apply(text: string): string;
}

/** Quotation marks of any style: a sentence holding one keeps its attribution (who said it is part of the claim). */
const QUOTE_MARK = /["“”«»]/;

export const COMPRESSION_RULES: CompressionRule[] = [
  {
    // "• ", "Buy Photo ", "UPDATE: ", "BREAKING: ": list bullets, photo-sale buttons and live-page labels a scraper
    // glued to the first sentence; they mark the page, not the news.
    name: 'leading mark',
    apply: (t) => t.replace(/^(?:[•·▪►»*]\s*|-\s+|Buy Photo\s+|(?:UPDATED?|NEW|BREAKING(?: NEWS)?|WATCH|VIDEO|PHOTOS?|LIVE)\s*(?:\d{1,2}\s*)?[:|-]\s+)+(?=\S)/u, ''),
  },
  {
    // "PORT-AU-PRINCE, Haiti (CNN) -- ", "TEHRAN – ": where the reporter filed from, not what happened. The cleaner
    // removes datelines it can attribute; this catches the ones left glued to the first sentence.
    // A dated dateline ("WASHINGTON, Jan. 3 (Xinhua) --") too, and one behind the photo credit a scraper glued before
    // it ("(Christian Lutz - AP) BERLIN, March 25 --").
    name: 'leading dateline',
    apply: (t) =>
      t.replace(/^(?:\([^()]{1,60}\)\s*)?\p{Lu}[\p{Lu}\p{M}.'’ -]{1,40}(?:,\s*[\p{L}.'’ ]{2,30})?(?:,?\s+\p{Lu}\p{Ll}{2,8}\.?\s+\d{1,2}(?:,\s*\d{4})?)?\s*(?:\([^)]{1,40}\))?\s*(?:--|[-–—:])\s+(?=\S)/u, ''),
  },
  {
    // "(Photo by IRNA)", "(R)", "(c)", "(ISIL)": asides, credits and acronym definitions; a summary keeps the main line.
    // Long parentheses are kept: they may carry the substance.
    name: 'parenthetical',
    apply: (t) => t.replace(/\s*\((?:[^()]{0,80})\)(?=[\s,.;:!?’”"]|$)/g, (m) => (m.split(/\s+/).length <= 13 ? '' : m)),
  },
  {
    // "…, officials said." / "…, according to the ministry.": the summary cites its sources itself. Only outside
    // quotations, and only at the very end.
    name: 'trailing attribution',
    apply: (t) =>
      QUOTE_MARK.test(t)
        ? t
        : t.replace(/,\s+(?:(?:he|she|they|it|officials?|police|authorities|sources|witnesses|the [\p{L} ]{2,40}|[\p{Lu}][\p{L}.'’-]*(?: [\p{Lu}][\p{L}.'’-]*){0,3}) (?:said|says|told [\p{L} ]{2,30}|reported|added)|according to [^,;]{2,60})\s*([.!])$/u, '$1'),
  },
  {
    // "Marshal Derrick Stafford, left, and …": where a person stands in the photo the sentence was a caption of.
    name: 'caption position',
    apply: (t) => t.replace(/,\s+(?:left|right|center|centre|top|bottom|pictured|above|below|inset|front|back)(?:\s+(?:left|right|row))?,(?=\s)/giu, ''),
  },
  {
    // "According to police, a man …": the attribution opens instead of closing; the summary cites its sources itself.
    name: 'leading attribution',
    apply: (t) => {
      if (QUOTE_MARK.test(t)) return t;
      const m = /^According to [^,;"“]{2,60},\s+(\S)/u.exec(t);
      return m ? m[1].toUpperCase() + t.slice(m[0].length) : t;
    },
  },
  {
    // "However, …", "Meanwhile, …", "But …": connectives that point at a sentence the summary does not carry.
    name: 'leading connective',
    apply: (t) => {
      const m = /^(?:However|Meanwhile|Also|But|And|Still|Moreover|Furthermore|In addition|In another development[^,]{0,30}|For (?:his|her|their|its) part),?\s+(\S)/u.exec(t);
      return m ? m[1].toUpperCase() + t.slice(m[0].length) : t;
    },
  },
];

/** The sentence with every compression rule applied, spaces tidied and a final full stop ensured. */
export function compressSentence(text: string): string {
  let out = text.trim();
  for (const rule of COMPRESSION_RULES) out = rule.apply(out);
  out = out.replace(/\s{2,}/g, ' ').replace(/\s+([,.;:!?])/g, '$1').trim();
  if (out && !/[.!?…"”’)]$/.test(out)) out += '.';
  return out;
}
