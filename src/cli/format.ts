// Readable output for people at a terminal: events with their summaries, citations as numbered sources.
import { reportingSpan, type Article, type Comparison, type Diagnostic, type Entity, type Event, type TimelineDate } from '../model.js';
import type { ClusterEvaluation, PRF, TimelineEvaluation } from '../eval/index.js';
import type { EntityEvaluation, EntityPRF } from '../eval/entities.js';
import { MAX_SEARCH_OFFSET, type SearchResult } from '../store/index.js';
import type { EventHit } from '../service/search.js';
import { reportLabel } from '../text/label.js';

/** How many entities of each kind a readable event lists; the JSON report has them all. */
const ENTITIES_SHOWN = 10;
const QUOTES_SHOWN = 12;

function outletsOf(e: Event, byId: Map<string, Article>): string[] {
  return [...new Set(e.articles.map((id) => byId.get(id)?.outlet).filter((o): o is string => Boolean(o)))];
}

/** One line an event: id, dates, size, headline. */
export function formatEventList(events: Event[], articles: Article[]): string {
  const byId = new Map(articles.map((a) => [a.id, a]));
  if (!events.length) return 'No events yet: ingest some articles first (newsdesk ingest <path>).\n';
  const lines = events.map((e) => {
    const outlets = outletsOf(e, byId);
    return `${e.id}  ${reportingSpan(e).padEnd(23)}  ${String(e.articles.length).padStart(3)} articles  ${String(outlets.length).padStart(2)} outlets  ${e.headline}`;
  });
  return `${lines.join('\n')}\n`;
}

/** An event in full: headline, summary with numbered citations, and the numbered sources. */
export function formatEvent(e: Event, articles: Article[]): string {
  const byId = new Map(articles.map((a) => [a.id, a]));
  const number = new Map(e.articles.map((id, i) => [id, i + 1]));
  const out: string[] = [];
  const cite = (ids: string[]) => [...new Set(ids.map((id) => number.get(id)))].sort((x, y) => (x ?? 0) - (y ?? 0)).map((r) => `[${r}]`).join('');
  out.push(`${e.headline}`);
  out.push(`${e.id} · happened ${e.date ?? 'on an unknown date'} · reported ${reportingSpan(e)} · ${e.articles.length} article${e.articles.length === 1 ? '' : 's'} · outlets: ${outletsOf(e, byId).join(', ') || 'unknown'}`);
  out.push('');
  for (const s of e.summary) out.push(`  • ${s.text} ${cite(s.citations.map((c) => c.article))}`);
  out.push('');
  const entities = e.entities ?? [];
  const list = (label: string, type: Entity['type'], withRoles: boolean) => {
    const of = entities.filter((x) => x.type === type);
    if (!of.length) return;
    out.push(`  ${label}:`);
    for (const x of of.slice(0, ENTITIES_SHOWN)) {
      const also = x.aliases.filter((a) => a !== x.name);
      const role = withRoles && x.roles.length ? ` — ${x.roles.slice(0, 2).join('; ')}` : '';
      out.push(`    ${x.name}${role}${also.length ? ` (also: ${also.slice(0, 4).join(', ')})` : ''} ${cite(x.articles)}`);
    }
    if (of.length > ENTITIES_SHOWN) out.push(`    … and ${of.length - ENTITIES_SHOWN} more`);
  };
  list('People', 'person', true);
  list('Places', 'place', false);
  list('Organisations', 'organization', false);
  const quotes = (e.quotes ?? []).filter((q) => q.text.split(/\s+/).length >= 5).slice(0, QUOTES_SHOWN);
  if (quotes.length) {
    out.push('  Quotes:');
    const bySpeaker = new Map<string, typeof quotes>();
    for (const q of quotes) bySpeaker.set(q.speaker ?? 'unattributed', [...(bySpeaker.get(q.speaker ?? 'unattributed') ?? []), q]);
    for (const [speaker, qs] of bySpeaker) {
      const role = qs.find((q) => q.speakerRole)?.speakerRole;
      out.push(`    ${speaker}${role ? ` (${role})` : ''}:`);
      for (const q of qs) out.push(`      “${q.text}” ${cite(q.articles)}`);
    }
  }
  if (entities.length || quotes.length) out.push('');
  if (e.comparison && e.comparison.outlets.length > 1) out.push(...formatComparison(e.comparison, cite), '');
  out.push('  Sources:');
  for (const id of e.articles) {
    const a = byId.get(id);
    const credit = [a?.outlet, ...(a?.agencies ?? []).filter((x) => x !== a?.outlet)].filter(Boolean).join(', ');
    out.push(`  [${number.get(id)}] ${id}${credit ? ` — ${credit}` : ''}${a?.published ? ` — ${a.published}` : ''}${a ? ` — ${reportLabel(a)}` : ''}`);
  }
  return `${out.join('\n')}\n`;
}

/** How many facts only one outlet reported are shown per outlet, and how many framing contrasts. */
const UNIQUE_SHOWN = 3;
const FRAMING_SHOWN = 4;

/** "How each outlet told it": outlets with their profiles, what each alone reported, word choices, and the note. */
function formatComparison(c: Comparison, cite: (ids: string[]) => string): string[] {
  const out = ['  How each outlet told it:'];
  for (const o of c.outlets) {
    const profile = [o.kind, o.country].filter(Boolean).join(', ');
    const agencies = o.agencies.length ? `; credits ${o.agencies.join(', ')}` : '';
    const copies = o.copies.length ? `; copies ${o.copies.map((x) => x.outlet ?? x.of).join(', ')}` : '';
    out.push(`    ${o.outlet}${profile ? ` (${profile})` : ''} ${cite(o.articles)}${agencies}${copies}`);
    const alone = c.facts.filter((f) => f.outlets.length === 1 && f.outlets[0] === o.outlet).slice(0, UNIQUE_SHOWN);
    for (const f of alone) out.push(`      only here: ${f.text} ${cite(f.citations.map((x) => x.article))}`);
  }
  const shared = c.facts.filter((f) => f.outlets.length > 1).length;
  out.push(`    ${c.facts.length} facts: ${shared} carried by more than one outlet, ${c.facts.length - shared} by one alone.`);
  const contrasts = c.framing.filter((f) => f.sides.filter((s) => Object.keys(s.counts).length).length >= 2).slice(0, FRAMING_SHOWN);
  if (contrasts.length) {
    out.push('    Word choices:');
    for (const f of contrasts) {
      const sides = f.sides
        .filter((s) => Object.keys(s.counts).length)
        .map((s) => `${s.label}: ${Object.entries(s.counts).map(([o, n]) => `${o} ${n}`).join(', ')}`);
      out.push(`      ${f.referent}${f.source === 'learned' ? ' (learned)' : ''} — ${sides.join(' | ')}`);
    }
  }
  if (c.note.length) {
    out.push('    In short:');
    for (const s of c.note) out.push(`      ${s.text} ${cite(s.citations.map((x) => x.article))}`);
  }
  return out;
}

/**
 * Control characters a terminal would act on, not show: C0 but tab and newline (ESC starts colour, cursor, title and
 * clipboard sequences; CR overwrites the line), DEL, and C1 (U+009B is a one-character CSI). File names, JSONL lines
 * and fields such as `outlet` are the input's to choose, so everything printed passes through forTerminal.
 */
const TERMINAL_CONTROLS = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/g;
/** The same, newline included: for what must stay on one line (a diagnostic names one input on one line). */
const LINE_CONTROLS = /[\x00-\x08\x0a-\x1f\x7f-\x9f]/g;

const escapeControl = (c: string) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;

/**
 * Text made safe to print: each control character written as its `\u001b` escape. The escape is JSON's own, and JSON
 * text holds raw controls only inside strings (JSON.stringify escapes C0, not DEL or C1), so JSON output stays valid
 * and parses to the same values.
 */
export function forTerminal(text: string): string {
  return text.replace(TERMINAL_CONTROLS, escapeControl);
}

/** Text that must stay on one line, made safe to print: newlines escaped too. */
export function oneLine(text: string): string {
  return text.replace(LINE_CONTROLS, escapeControl);
}

export function formatDiagnostic(d: Diagnostic): string {
  return `newsdesk: ${d.severity === 'skipped' ? 'skipped' : 'warning:'} ${oneLine(d.source)}: ${oneLine(d.reason)}`;
}

/** `newsdesk eval clusters`: scores for events and for stories, and how each label is split. */
export function formatClusterEvaluation(r: Omit<ClusterEvaluation, 'analysis'>): string {
  const f = (x: number) => x.toFixed(3);
  const line = (name: string, s: ClusterEvaluation['events']) =>
    `${name.padEnd(8)} B-cubed P ${f(s.bcubed.precision)}  R ${f(s.bcubed.recall)}  F1 ${f(s.bcubed.f1)}   pairwise P ${f(s.pairwise.precision)}  R ${f(s.pairwise.recall)}  F1 ${f(s.pairwise.f1)}   ${s.clusters} groups`;
  const out = [
    `${r.events.items} labelled articles, ${r.events.labels} labels`,
    line('events', r.events),
    line('stories', r.stories),
    '',
    'label                      articles   events   stories',
    ...r.labels.map((l) => `${l.label.padEnd(26)} ${String(l.articles).padStart(8)} ${String(l.events).padStart(8)} ${String(l.stories).padStart(9)}`),
  ];
  return `${out.join('\n')}\n`;
}

const f3 = (x: number) => x.toFixed(3);
const prfLine = (name: string, s: PRF) => `${name.padEnd(28)} P ${f3(s.precision)}  R ${f3(s.recall)}  F1 ${f3(s.f1)}`;

/** `newsdesk eval entities`: each type and all of them, per name written and per document's set of names. */
export function formatEntityEvaluation(r: EntityEvaluation, types: readonly string[]): string {
  const row = (name: string, s: EntityPRF) => `${name.padEnd(10)} P ${f3(s.precision)}  R ${f3(s.recall)}  F1 ${f3(s.f1)}   ${String(s.gold).padStart(6)} gold ${String(s.predicted).padStart(6)} found ${String(s.correct).padStart(6)} right`;
  const level = (title: string, l: EntityEvaluation['mentions']) => [title, ...types.map((t) => row(t, l.byType[t])), row('all', l.overall)];
  return `${[
    `${r.read.documents.toLocaleString('en')} documents, ${r.read.tokens.toLocaleString('en')} tokens, ${Math.round(r.read.tokens / Math.max(r.read.seconds, 1e-9)).toLocaleString('en')} tokens/s`,
    '',
    ...level('Names written (exact span and type)', r.mentions),
    '',
    ...level("Each document's names (distinct, case and spacing aside)", r.documents),
  ].join('\n')}\n`;
}

/** `newsdesk eval rouge`. */
export function formatRouge(r: { rouge1: PRF; rouge2: PRF; rougeL: PRF }): string {
  return `${[prfLine('ROUGE-1', r.rouge1), prfLine('ROUGE-2', r.rouge2), prfLine('ROUGE-L', r.rougeL)].join('\n')}\n`;
}

/** `newsdesk eval timeline`. */
export function formatTimelineEvaluation(r: TimelineEvaluation): string {
  const lines = [prfLine('dates', r.dates)];
  for (const [name, s] of [['concatenated', r.concat], ['date agreement', r.agreement], ['date aligned (m:1)', r.aligned]] as const) {
    lines.push(prfLine(`${name} ROUGE-1`, s.rouge1), prfLine(`${name} ROUGE-2`, s.rouge2));
  }
  return `${lines.join('\n')}\n`;
}

/** `newsdesk timeline`: each date, its sentences, and the articles each cites by id. */
export function formatTimeline(timeline: TimelineDate[], articles: Article[]): string {
  if (!timeline.length) return 'No dated events found in these articles.\n';
  const byId = new Map(articles.map((a) => [a.id, a]));
  const out: string[] = [];
  for (const entry of timeline) {
    out.push(entry.date);
    for (const s of entry.sentences) {
      const sources = [...new Set(s.citations.map((c) => c.article))];
      const outlets = [...new Set(sources.map((id) => byId.get(id)?.outlet).filter(Boolean))];
      out.push(`  • ${s.text} [${sources.slice(0, 5).join(', ')}${sources.length > 5 ? `, +${sources.length - 5}` : ''}]${outlets.length ? ` (${outlets.join(', ')})` : ''}`);
    }
  }
  return `${out.join('\n')}\n`;
}

/** `newsdesk search`: how many articles match what was searched for, then a hit a block (id, outlet, date, event, title,
 * passage), the events of the hits, and — when they are a page of more — which hits these are and the next page. */
export function formatSearch(r: SearchResult & { events?: EventHit[]; page?: number; size?: number }): string {
  const page = r.page ?? 1;
  const first = (page - 1) * (r.size ?? r.hits.length) + 1;
  const last = first + r.hits.length - 1;
  // Paged when the hits are not all of them: then which they are, and how to go on.
  const paged = page > 1 || r.hits.length < r.total;
  const out = [`${r.total} article${r.total === 1 ? '' : 's'} for ${r.searched.map((s) => `“${s}”`).join(' / ')}`];
  // A hit is a block of lines: a newline in a stored id, outlet or title must not start a line of its own.
  for (const h of r.hits) {
    out.push('', oneLine(`${h.article}${h.outlet ? ` — ${h.outlet}` : ''}${h.published ? ` — ${h.published}` : ''}${h.event ? ` — event ${h.event}` : ''}`));
    if (h.title) out.push(`  ${oneLine(h.title)}`);
    out.push(`  ${oneLine(h.snippet.replace(/\s+/g, ' '))}`);
  }
  if (r.events?.length) {
    out.push('', `${paged ? 'These hits are in' : 'In'} ${r.events.length} event${r.events.length === 1 ? '' : 's'}:`);
    for (const e of r.events) out.push(`  ${e.id}  ${e.date ?? '—'}  ${e.hits}/${e.articleCount} articles  ${oneLine(e.headline)}`);
  }
  if (paged && r.hits.length) {
    const next = last >= r.total ? 'the last page' : last >= MAX_SEARCH_OFFSET ? `the last a search pages to: narrow it to see the others` : `next: --page ${page + 1}`;
    out.push('', `Hits ${first}–${last} of ${r.total} (${next}).`);
  }
  return `${out.join('\n')}\n`;
}
