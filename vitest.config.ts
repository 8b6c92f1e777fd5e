import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * The 10,000-article scale tests (`npm run test:scale`, kept out of `npm test`) take minutes of real processes; when a
 * run includes them they start first, on one worker, while the other worker takes every other file. Without this a fresh clone (no timings cached) orders files by size
 * and may start them last.
 */
class ScaleFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const isScale = (f: TestSpecification) => f.moduleId.includes('/test/scale/');
    return [...sorted.filter(isScale), ...sorted.filter((f) => !isScale(f))];
  }
}

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Two files at a time (vitest's default is one fewer than the cores: one, on a 2-core machine).
    maxWorkers: 2,
    sequence: { sequencer: ScaleFirst },
    // A throwaway PostgreSQL server for the run (skipped when PostgreSQL is not installed): see test/pg-setup.ts.
    globalSetup: ['test/pg-setup.ts'],
  },
});
