// Readable output for people at a terminal: events with their summaries, citations as numbered sources.
import type { Article, Diagnostic, Event } from '../model.js';

function dateRange(e: Event): string {
  if (!e.start) return 'undated';
  return e.start === e.end ? e.start : `${e.start} – ${e.end}`;
}

function outletsOf(e: Event, byId: Map<string, Article>): string[] {
  return [...new Set(e.articles.map((id) => byId.get(id)?.outlet).filter((o): o is string => Boolean(o)))];
}

/** One line an event: id, dates, size, headline. */
export function formatEventList(events: Event[], articles: Article[]): string {
  const byId = new Map(articles.map((a) => [a.id, a]));
  if (!events.length) return 'No events yet: ingest some articles first (newsdesk ingest <path>).\n';
  const lines = events.map((e) => {
    const outlets = outletsOf(e, byId);
    return `${e.id}  ${dateRange(e).padEnd(23)}  ${String(e.articles.length).padStart(3)} articles  ${String(outlets.length).padStart(2)} outlets  ${e.headline}`;
  });
  return `${lines.join('\n')}\n`;
}

/** An event in full: headline, summary with numbered citations, and the numbered sources. */
export function formatEvent(e: Event, articles: Article[]): string {
  const byId = new Map(articles.map((a) => [a.id, a]));
  const number = new Map(e.articles.map((id, i) => [id, i + 1]));
  const out: string[] = [];
  out.push(`${e.headline}`);
  out.push(`${e.id} · ${dateRange(e)} · ${e.articles.length} article${e.articles.length === 1 ? '' : 's'} · outlets: ${outletsOf(e, byId).join(', ') || 'unknown'}`);
  out.push('');
  for (const s of e.summary) {
    const refs = [...new Set(s.citations.map((c) => number.get(c.article)))].sort((x, y) => (x ?? 0) - (y ?? 0));
    out.push(`  • ${s.text} ${refs.map((r) => `[${r}]`).join('')}`);
  }
  out.push('');
  out.push('  Sources:');
  for (const id of e.articles) {
    const a = byId.get(id);
    const credit = [a?.outlet, ...(a?.agencies ?? []).filter((x) => x !== a?.outlet)].filter(Boolean).join(', ');
    out.push(`  [${number.get(id)}] ${id}${credit ? ` — ${credit}` : ''}${a?.published ? ` — ${a.published}` : ''}${a?.title ? ` — ${a.title}` : ''}`);
  }
  return `${out.join('\n')}\n`;
}

export function formatDiagnostic(d: Diagnostic): string {
  return `newsdesk: ${d.severity === 'skipped' ? 'skipped' : 'warning:'} ${d.source}: ${d.reason}`;
}
