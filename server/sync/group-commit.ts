import { batchSize, notifiesSent, persistSeconds, updatesStored } from './metrics';
import { appendUpdates, type AppendRequest, type AppendResult } from './persistence';

interface Pending extends AppendRequest {
  resolve(seq: number): void;
  reject(error: unknown): void;
}

export interface GroupCommitStats {
  batches: number;
  updates: number;
  lastBatchSize: number;
  maxBatchSize: number;
  /** `plenum_sync` notifications the batches sent (none while no other instance holds their rooms). */
  notifies: number;
  /** Recent batches: when, how many updates, and how long the write took (ms). */
  recent: { at: number; size: number; ms: number }[];
}

/**
 * Group commit: updates that arrive while a batch is being written, or within the same tick,
 * share the next INSERT — one database round trip per batch, not per keystroke.
 */
export class GroupCommit {
  private queue: Pending[] = [];
  private writing: Promise<void> | null = null;
  private scheduled = false;
  readonly stats: GroupCommitStats = { batches: 0, updates: 0, lastBatchSize: 0, maxBatchSize: 0, notifies: 0, recent: [] };

  /**
   * `timeoutMs` bounds how long a batch may take: a half-open database connection can leave a query
   * unanswered for minutes, and writers must hear "try again later" instead of waiting. A write that
   * times out but commits after all is harmless: the room reads it back in its next catch-up, and the
   * client's resend of the same edit is a no-op in Yjs.
   */
  constructor(
    private readonly maxBatch = 1000,
    private readonly write: (batch: AppendRequest[]) => Promise<AppendResult> = appendUpdates,
    private readonly timeoutMs = 5_000,
  ) {}

  /** Resolves with the update's sequence number once it is committed; rejects if the write failed. */
  append(request: AppendRequest): Promise<number> {
    return new Promise((resolve, reject) => {
      this.queue.push({ ...request, resolve, reject });
      if (!this.writing && !this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  /** Resolves when everything appended so far is written (or failed). */
  async drain(): Promise<void> {
    while (this.writing || this.queue.length > 0) {
      if (!this.writing) this.flush();
      await this.writing;
    }
  }

  private flush(): void {
    this.scheduled = false;
    if (this.writing || this.queue.length === 0) return;
    const batch = this.queue.splice(0, this.maxBatch);
    const started = performance.now();
    this.writing = withTimeout(this.write(batch), this.timeoutMs).then(
      ({ seqs, notifies }) => {
        this.record(batch.length, notifies, performance.now() - started);
        batch.forEach((p, i) => p.resolve(seqs[i]!));
      },
      (error: unknown) => batch.forEach((p) => p.reject(error)),
    ).finally(() => {
      this.writing = null;
      if (this.queue.length > 0) this.flush();
    });
  }

  private record(size: number, notifies: number, ms: number) {
    const s = this.stats;
    s.notifies += notifies;
    updatesStored.inc(size);
    batchSize.observe(size);
    persistSeconds.observe(ms / 1000);
    if (notifies > 0) notifiesSent.inc({ kind: 'update' }, notifies);
    s.batches += 1;
    s.updates += size;
    s.lastBatchSize = size;
    s.maxBatchSize = Math.max(s.maxBatchSize, size);
    const now = Date.now();
    s.recent.push({ at: now, size, ms });
    while (s.recent.length > 0 && (s.recent[0]!.at < now - 10_000 || s.recent.length > 5000)) s.recent.shift();
  }
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`storing updates took longer than ${ms} ms`)), ms);
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}
