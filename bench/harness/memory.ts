import fs from 'node:fs';

// Peak resident memory of the server during one scenario, from /proc (Linux). Writing 5 to clear_refs
// resets the kernel's high-water mark (VmHWM) so it covers this scenario only; sampling VmRSS as well
// keeps a figure where that reset is not allowed.

function statusKb(pid: number, field: 'VmRSS' | 'VmHWM'): number | null {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
    return match ? Number(match[1]) : null;
  } catch {
    return null;
  }
}

export type MemoryWatch = { stop(): number | null };

/** Starts watching; `stop()` answers the peak in MiB, or null where /proc is not there. */
export function watchMemory(pid: number): MemoryWatch {
  let highWaterReset = false;
  try {
    fs.writeFileSync(`/proc/${pid}/clear_refs`, '5');
    highWaterReset = true;
  } catch {
    highWaterReset = false;
  }
  let peakKb = statusKb(pid, 'VmRSS') ?? 0;
  const timer = setInterval(() => {
    peakKb = Math.max(peakKb, statusKb(pid, 'VmRSS') ?? 0);
  }, 100);
  return {
    stop() {
      clearInterval(timer);
      if (highWaterReset) peakKb = Math.max(peakKb, statusKb(pid, 'VmHWM') ?? 0);
      return peakKb > 0 ? Math.round((peakKb / 1024) * 10) / 10 : null;
    },
  };
}
