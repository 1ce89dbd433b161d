import { describe, expect, it } from 'vitest';
import { GroupCommit } from '../../server/sync/group-commit';
import type { AppendRequest } from '../../server/sync/persistence';

/** A stand-in for the database write that records each call and answers after `ms`. */
function recordingWriter(ms: number) {
  const calls: AppendRequest[][] = [];
  let seq = 0;
  const write = async (batch: AppendRequest[]) => {
    calls.push(batch);
    await new Promise((resolve) => setTimeout(resolve, ms));
    return { seqs: batch.map(() => ++seq), notifies: 0 };
  };
  return { calls, write };
}

const request = (n: number): AppendRequest => ({ room: 'doc:r', update: new Uint8Array([n]), userId: 'u' });

describe('GroupCommit', () => {
  it('writes updates that arrive in the same tick with one call, and answers each with its number', async () => {
    const { calls, write } = recordingWriter(5);
    const commit = new GroupCommit(1000, write);
    const seqs = await Promise.all([1, 2, 3, 4, 5].map((n) => commit.append(request(n))));
    expect(calls).toHaveLength(1);
    expect(calls[0]!.map((r) => r.update[0])).toEqual([1, 2, 3, 4, 5]);
    expect(seqs).toEqual([1, 2, 3, 4, 5]);
  });

  it('collects what arrives during a write into the next one: one call per batch, not per update', async () => {
    const { calls, write } = recordingWriter(20);
    const commit = new GroupCommit(1000, write);
    const first = commit.append(request(1));
    await new Promise((resolve) => setTimeout(resolve, 5)); // the first write is under way
    const rest = [2, 3, 4].map((n) => commit.append(request(n)));
    await Promise.all([first, ...rest]);
    expect(calls.map((batch) => batch.length)).toEqual([1, 3]);
    expect(commit.stats).toMatchObject({ batches: 2, updates: 4, maxBatchSize: 3 });
  });

  it('rejects every update of a failed write, and goes on with the next batch', async () => {
    let fail = true;
    const commit = new GroupCommit(1000, async (batch) => {
      if (fail) throw new Error('connection refused');
      return { seqs: batch.map((_, i) => i + 1), notifies: 0 };
    });
    const failed = await Promise.allSettled([commit.append(request(1)), commit.append(request(2))]);
    expect(failed.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    fail = false;
    await expect(commit.append(request(3))).resolves.toBe(1);
  });

  it('gives up on a write that does not answer in time, so writers can be told to try again later', async () => {
    let answer = false;
    const commit = new GroupCommit(1000, async (batch) => {
      if (!answer) await new Promise(() => {}); // a half-open connection: no answer, no error
      return { seqs: batch.map((_, i) => i + 1), notifies: 0 };
    }, 50);
    await expect(commit.append(request(1))).rejects.toThrow(/longer than 50 ms/);
    answer = true;
    await expect(commit.append(request(2))).resolves.toBe(1);
  });

  it('drain waits for everything appended so far', async () => {
    const { calls, write } = recordingWriter(10);
    const commit = new GroupCommit(2, write);
    const all = [1, 2, 3, 4, 5].map((n) => commit.append(request(n)));
    await commit.drain();
    expect(calls.flat()).toHaveLength(5);
    expect(calls.every((batch) => batch.length <= 2)).toBe(true);
    await Promise.all(all);
  });
});
