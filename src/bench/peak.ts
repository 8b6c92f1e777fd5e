// The peak memory of a child process, read while it runs: the kernel's high-water mark of its resident set (VmHWM in
// /proc/<pid>/status), which a process that has exited no longer shows. Linux only; elsewhere the peak stays 0.
import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** Starts watching; the function returned stops watching and gives the highest peak seen, in MB. */
export function watchPeakMemory(child: ChildProcess, everyMs = 50): () => number {
  let peakMb = 0;
  const timer = setInterval(() => {
    try {
      const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
      if (m) peakMb = Math.max(peakMb, Number(m[1]) / 1024);
    } catch {
      // gone, or no /proc
    }
  }, everyMs);
  return () => {
    clearInterval(timer);
    return peakMb;
  };
}
