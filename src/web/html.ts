// HTML built from templates in which every interpolated value is escaped unless it is already HTML built here. Article
// text, titles, names and quotes are written by strangers: nothing of theirs reaches a page unescaped, and nothing of
// theirs ever becomes an attribute that can run (URLs are checked by `safeUrl`).

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** A piece of HTML known to be safe: built by `html`, or escaped. */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

type Part = SafeHtml | string | number | null | undefined | false | Part[];

function render(part: Part): string {
  if (part === null || part === undefined || part === false) return '';
  if (part instanceof SafeHtml) return part.value;
  if (Array.isArray(part)) return part.map(render).join('');
  return escapeHtml(String(part));
}

/** `html\`<p>${text}</p>\``: the template's own markup kept, every value escaped (arrays joined, null/false left out). */
export function html(strings: TemplateStringsArray, ...values: Part[]): SafeHtml {
  let out = strings[0];
  for (let i = 0; i < values.length; i++) out += render(values[i]) + strings[i + 1];
  return new SafeHtml(out);
}

/** An http(s) URL as given, or null: `javascript:`, `data:` and anything else that is not a web address is dropped. */
export function safeUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.toString() : null;
  } catch {
    return null;
  }
}

/** A search passage with its matched words between « and » (as the stores give it), as HTML with <mark>. */
export function markedPassage(snippet: string): SafeHtml {
  // Pairs only: a « or » the article itself writes (French quotation marks) stays text.
  return new SafeHtml(escapeHtml(snippet).replace(/«([^«»]*)»/g, '<mark>$1</mark>'));
}
