import { execFileSync } from 'node:child_process';
import os from 'node:os';

export type Disk = {
  path: string;
  device: string;
  type: string;
  sizeGb: number;
};

export type Machine = {
  cpu: string;
  cores: number;
  memoryGb: number;
  node: string;
  os: string;
  disk: Disk | null;
  /** 1-, 5- and 15-minute load averages when the run started: above the core count, others were busy. */
  loadAverage: number[];
};

const round1 = (n: number) => Math.round(n * 10) / 10;

/** The disk that holds `dir`, as `df` sees it. */
export function diskOf(dir: string): Disk | null {
  try {
    const lines = execFileSync('df', ['-PTk', dir], { encoding: 'utf8' }).trim().split('\n');
    const [device = '', type = '', kilobytes = '0'] = lines.at(-1)!.split(/\s+/);
    return { path: dir, device, type, sizeGb: round1(Number(kilobytes) / 1024 / 1024) };
  } catch {
    return null;
  }
}

export function describeMachine(dir: string): Machine {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    cores: os.availableParallelism(),
    memoryGb: round1(os.totalmem() / 1024 ** 3),
    node: process.version,
    os: `${os.type()} ${os.release()}`,
    disk: diskOf(dir),
    loadAverage: os.loadavg().map((n) => Math.round(n * 100) / 100),
  };
}
