// Pieces the web pages share: links, query strings, and a summary sentence that shows its sources.
import type { SummarySentence } from '../model.js';
import type { TimelineReport } from '../service/search.js';
import { html, type SafeHtml } from './html.js';
import { reportLabel } from '../text/label.js';

export function qs(params: Record<string, string | number | undefined>): string {
  const entries = Object.entries(params).filter(([, v]) => v !== undefined && v !== '') as Array<[string, string | number]>;
  return entries.length ? `?${entries.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`).join('&')}` : '';
}

export const eventHref = (id: string) => `/events/${encodeURIComponent(id)}`;
export const articleHref = (id: string) => `/articles/${encodeURIComponent(id)}`;

/** " and 12 more reports", or nothing. */
export const more = (n: number, what: string) => (n > 0 ? html` <span class="meta">and ${n.toLocaleString('en')} more ${what}</span>` : html``);

/** A sentence that shows its sources on hover, on keyboard focus, and (with the script) pinned open on click. */
export function citedSentence(s: SummarySentence, key: string, titles: Map<string, TimelineReport>): SafeHtml {
  const ids = [...new Set(s.citations.map((c) => c.article))];
  return html`<span class="cite"><button type="button" class="sentence" aria-expanded="false" aria-describedby="${key}">${s.text}</button><span class="sources" id="${key}" role="tooltip"><strong>Sources (${ids.length}):</strong><ul>${ids.map((id) => {
    const a = titles.get(id);
    return html`<li><a href="${articleHref(id)}">${a?.outlet ?? 'unidentified outlet'}${a?.published ? `, ${a.published}` : ''}</a> — ${a ? reportLabel(a) : id}</li>`;
  })}</ul></span></span>`;
}

export function sentences(list: SummarySentence[], prefix: string, titles: Map<string, TimelineReport>): SafeHtml {
  return html`<ol class="summary">${list.map((s, i) => html`<li>${citedSentence(s, `${prefix}-${i}`, titles)}</li>`)}</ol>`;
}

