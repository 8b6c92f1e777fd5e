// `newsdesk <args>` as a process of its own, from the sources, with its heap capped and its peak memory watched: the
// reliability tests' way of proving that memory stays bounded (the peak resident set size, VmHWM, read from /proc).
import { spawn } from 'node:child_process';
import { watchPeakMemory } from '../../src/bench/peak.js';
import { ROOT } from '../cli/helpers.js';

export interface Outcome {
  code: number | null;
  stderr: string;
  /** Peak resident set size, MB (VmHWM), read while it ran. */
  peakMb: number;
}

export function watchedCli(args: string[], heapMb: number): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [`--max-old-space-size=${heapMb}`, '--import', 'tsx', 'test/cli/child.ts', ...args], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
    const peak = watchPeakMemory(child);
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, stderr, peakMb: peak() }));
  });
}
