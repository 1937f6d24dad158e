// Resident memory of the processes under load, read from Linux's /proc: the GPU worker (a child of this process)
// and workerd (started by Miniflare, also somewhere below this process).
import { readdirSync, readFileSync } from 'node:fs';

/** Resident set size in bytes, or undefined once the process is gone. */
export function rssBytes(pid: number): number | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kib = /^VmRSS:\s+(\d+) kB$/m.exec(status)?.[1];
    return kib === undefined ? undefined : Number(kib) * 1024;
  } catch {
    return undefined;
  }
}

/** Every live process below `root`, with its command name. */
export function descendants(root: number): { pid: number; name: string }[] {
  const parentOf = new Map<number, { ppid: number; name: string }>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // `pid (name) state ppid …`: the name may hold spaces or parentheses, so split at the last ')'.
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const close = stat.lastIndexOf(')');
      const name = stat.slice(stat.indexOf('(') + 1, close);
      const ppid = Number(stat.slice(close + 2).split(' ')[1]);
      parentOf.set(Number(entry), { ppid, name });
    } catch {
      // The process ended while we looked.
    }
  }
  const below: { pid: number; name: string }[] = [];
  const frontier = [root];
  while (frontier.length > 0) {
    const parent = frontier.pop();
    for (const [pid, info] of parentOf) {
      if (info.ppid === parent) {
        below.push({ pid, name: info.name });
        frontier.push(pid);
      }
    }
  }
  return below;
}

export interface MemorySample {
  /** Milliseconds since the run started. */
  atMs: number;
  workerBytes: number;
  edgeBytes: number;
}

/** Samples the GPU worker's RSS and the sum over workerd processes every `intervalMs` until stopped. */
export class MemorySampler {
  readonly samples: MemorySample[] = [];
  readonly #timer: ReturnType<typeof setInterval>;
  readonly #started = performance.now();

  constructor(
    readonly workerPid: number,
    readonly edgePids: number[],
    intervalMs = 250,
  ) {
    if (edgePids.length === 0) throw new Error('no workerd process found below this one');
    this.sample();
    this.#timer = setInterval(() => this.sample(), intervalMs);
  }

  sample(): MemorySample {
    const sample = {
      atMs: performance.now() - this.#started,
      workerBytes: rssBytes(this.workerPid) ?? 0,
      edgeBytes: this.edgePids.reduce((sum, pid) => sum + (rssBytes(pid) ?? 0), 0),
    };
    this.samples.push(sample);
    return sample;
  }

  /** The largest of each since `fromMs`. */
  peakSince(fromMs: number): { workerBytes: number; edgeBytes: number } {
    let workerBytes = 0;
    let edgeBytes = 0;
    for (const s of this.samples) {
      if (s.atMs < fromMs) continue;
      workerBytes = Math.max(workerBytes, s.workerBytes);
      edgeBytes = Math.max(edgeBytes, s.edgeBytes);
    }
    return { workerBytes, edgeBytes };
  }

  get elapsedMs(): number {
    return performance.now() - this.#started;
  }

  stop(): void {
    clearInterval(this.#timer);
  }
}
