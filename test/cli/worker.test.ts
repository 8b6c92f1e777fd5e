// An idle worker (`newsdesk worker`: work() that waits for more until its signal aborts) polls an empty store for as long
// as it runs, each wait listening for the abort: the listeners of finished waits must go, or they pile up on the one
// signal (MaxListenersExceededWarning within a minute at the CLI's 500 ms poll).
import { getEventListeners } from 'node:events';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { work } from '../../src/service/ingest.js';
import { openStore } from '../../src/store/index.js';
import { removeTempDirs, tempDir } from './helpers.js';

afterAll(removeTempDirs);

describe('an idle worker', () => {
  it('keeps at most one abort listener on its signal however many times it polls', async () => {
    const store = await openStore(path.join(tempDir(), 'idle.db'));
    const stop = new AbortController();
    const warnings: string[] = [];
    const onWarning = (w: Error) => warnings.push(`${w.name}: ${w.message}`);
    process.on('warning', onWarning);
    try {
      const working = work(store, { untilIdle: false, signal: stop.signal, pollMs: 1 });
      // Hundreds of polls at 1 ms; the CLI's 500 ms poll makes as many in a few minutes.
      await new Promise((resolve) => setTimeout(resolve, 400));
      const listening = getEventListeners(stop.signal, 'abort').length;
      stop.abort();
      const done = await working;
      expect(done.jobs).toBe(0);
      expect(listening).toBeLessThanOrEqual(1);
      expect(warnings.filter((w) => w.includes('MaxListenersExceeded'))).toEqual([]);
    } finally {
      process.off('warning', onWarning);
      await store.close();
    }
  });
});
