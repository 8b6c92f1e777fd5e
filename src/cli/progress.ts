// Progress of long work on a terminal: one line on stderr, rewritten in place at most ten times a second — what is
// being done, how far, how fast, and how long is left. Silent when stderr is not a terminal (scripts, pipes, tests),
// and with --quiet or --json.

/**
 * An estimate of the time left is shown only once it has settled: after this many seconds of the phase and this share
 * of its work. The first items of a phase run slow (data loads, the JIT warms up): a 35 s step once began by
 * announcing 25 minutes.
 */
const SETTLE_SECONDS = 3;
const SETTLE_SHARE = 0.05;

/** "understanding 1,200/5,000 articles · 640/s · about 6 s left" (no total: no fraction, no estimate). */
export function progressLine(what: string, done: number, total: number | null, seconds: number): string {
  const rate = seconds > 0 ? done / seconds : 0;
  const count = total ? `${done.toLocaleString('en')}/${total.toLocaleString('en')}` : done.toLocaleString('en');
  const speed = rate > 0 ? ` · ${rate >= 100 ? Math.round(rate).toLocaleString('en') : rate.toFixed(1)}/s` : '';
  const settled = seconds >= SETTLE_SECONDS && total !== null && done >= SETTLE_SHARE * total;
  const left = total && rate > 0 && done < total ? (settled ? ` · about ${formatDuration((total - done) / rate)} left` : ' · estimating time left') : '';
  return `${what} ${count}${speed}${left}`;
}

export function formatDuration(seconds: number): string {
  if (seconds < 60) return `${Math.max(1, Math.round(seconds))} s`;
  const m = Math.floor(seconds / 60);
  return m < 60 ? `${m} min ${Math.round(seconds - m * 60)} s` : `${Math.floor(m / 60)} h ${m % 60} min`;
}

export class Progress {
  private phase = '';
  private started = 0;
  private last = 0;
  private shown = false;

  constructor(private readonly out: NodeJS.WritableStream & { isTTY?: boolean; columns?: number }, private readonly enabled: boolean) {}

  /** Reports `done` of `total` (null: unknown) for a phase; a new phase restarts the clock. */
  update(phase: string, done: number, total: number | null): void {
    if (!this.enabled || !this.out.isTTY) return;
    const now = performance.now();
    if (phase !== this.phase) [this.phase, this.started, this.last] = [phase, now, 0];
    if (now - this.last < 100 && done !== total) return;
    this.last = now;
    const line = progressLine(phase, done, total, (now - this.started) / 1000).slice(0, (this.out.columns ?? 100) - 1);
    this.out.write(`\r\x1b[2K${line}`);
    this.shown = true;
  }

  /** Clears the line, so that what follows starts on a clean one. */
  done(): void {
    if (this.shown) this.out.write('\r\x1b[2K');
    this.shown = false;
  }
}
