// A small bar chart of reports per day, as inline SVG (no script, no external file): one bar a day from the first
// to the last, the days given as key dates drawn in another colour, and a text alternative for screen readers.
import { html, type SafeHtml } from './html.js';

const DAY_MS = 86_400_000;
const WIDTH = 720;
const HEIGHT = 140;
const AXIS = 18;

/** Publication dates (YYYY-MM-DD) counted per day, over the span they cover (at most `maxDays`, the latest kept). */
export function reportsPerDay(dates: Array<string | null>, maxDays = 400): Array<{ day: string; count: number }> {
  const counts = new Map<string, number>();
  for (const d of dates) if (d && /^\d{4}-\d{2}-\d{2}/.test(d)) counts.set(d.slice(0, 10), (counts.get(d.slice(0, 10)) ?? 0) + 1);
  if (!counts.size) return [];
  const days = [...counts.keys()].sort();
  const last = Date.parse(`${days[days.length - 1]}T00:00:00Z`);
  const first = Math.max(Date.parse(`${days[0]}T00:00:00Z`), last - (maxDays - 1) * DAY_MS);
  const out: Array<{ day: string; count: number }> = [];
  for (let t = first; t <= last; t += DAY_MS) {
    const day = new Date(t).toISOString().slice(0, 10);
    out.push({ day, count: counts.get(day) ?? 0 });
  }
  return out;
}

export function dayChart(series: Array<{ day: string; count: number }>, title: string, keyDates: string[] = []): SafeHtml {
  if (!series.length) return html`<p class="meta">No dated reports.</p>`;
  const key = new Set(keyDates);
  const max = Math.max(...series.map((s) => s.count));
  const w = WIDTH / series.length;
  const bars = series.map((s, i) => {
    const h = s.count ? Math.max(2, ((HEIGHT - AXIS - 4) * s.count) / max) : 0;
    return html`<rect class="${key.has(s.day) ? 'key' : 'bar'}" x="${(i * w).toFixed(2)}" y="${(HEIGHT - AXIS - h).toFixed(2)}" width="${Math.max(1, w - 1).toFixed(2)}" height="${h.toFixed(2)}"><title>${s.day}: ${s.count} report${s.count === 1 ? '' : 's'}${key.has(s.day) ? ' (key date)' : ''}</title></rect>`;
  });
  const busiest = [...series].sort((a, b) => b.count - a.count).slice(0, 3);
  const summary = `${title}: ${series.reduce((n, s) => n + s.count, 0)} reports from ${series[0].day} to ${series[series.length - 1].day}; busiest ${busiest.map((b) => `${b.day} (${b.count})`).join(', ')}${keyDates.length ? `; key dates ${keyDates.join(', ')}` : ''}.`;
  return html`<figure>
<svg class="chart" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-label="${summary}">${bars}
<text x="0" y="${HEIGHT - 4}">${series[0].day}</text><text x="${WIDTH}" y="${HEIGHT - 4}" text-anchor="end">${series[series.length - 1].day}</text><text x="${WIDTH}" y="10" text-anchor="end">max ${max}/day</text></svg>
<figcaption class="meta">${summary}</figcaption>
</figure>`;
}
