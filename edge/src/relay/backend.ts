import type { Hello } from '@captioner/shared/protocol/index.ts';
import type { RelayEvent, RelayJob } from './relay-events.ts';
import type { UpstreamConnection } from './upstream.ts';

/** A request in the pool, from `start` until its final event or cancellation. */
export interface Job {
  readonly spec: RelayJob;
  readonly pixels: Uint8Array;
  readonly emit: (event: RelayEvent) => void;
  attempts: number;
  words: number;
  finished: boolean;
  upstreamId?: string;
  backend?: Backend;
  timer?: ReturnType<typeof setTimeout>;
}

/** One GPU worker: its connection (when open), the jobs on it, and when it may be tried again after a failure. */
export class Backend {
  connection: UpstreamConnection | undefined;
  connecting: Promise<void> | undefined;
  failures = 0;
  retryAt = 0;
  lastError = '';
  readonly jobs = new Map<string, Job>();

  constructor(readonly url: string) {}

  get hello(): Hello | undefined {
    return this.connection?.isOpen === true ? this.connection.hello : undefined;
  }

  /** Share of its announced capacity in use: what "least loaded" compares. */
  get load(): number {
    const limit = this.hello?.limits.maxConcurrentRequests ?? 1;
    return this.jobs.size / limit;
  }
}
