import { describe, expect, it } from 'vitest';
import type { PacketToCommit } from '../store/ingest.repository.js';
import type { CommitBatchReport } from './commit-queue.js';
import { GroupCommitQueue } from './commit-queue.js';

const packet = (qn: string): PacketToCommit => ({
  mn: 'MN1',
  readings: [],
  log: { receivedAt: new Date(0), peer: 'p', mn: 'MN1', qn, cn: '2051', raw: '' },
});

describe('GroupCommitQueue.shutdown', () => {
  it('lets the transaction in progress commit and refuses what waits (never acknowledged)', async () => {
    let release: () => void = () => undefined;
    const committed: string[][] = [];
    const batches: CommitBatchReport[] = [];
    const queue = new GroupCommitQueue(
      async (packets) => {
        committed.push(packets.map((p) => p.log.qn ?? ''));
        if (committed.length === 1) await new Promise<void>((r) => (release = r));
        return packets.map(() => ({ outcome: 'accepted' as const, inserted: 1, duplicates: 0 }));
      },
      { onBatch: (b) => batches.push(b) },
    );
    const first = queue.submit(packet('A'));
    await new Promise((r) => setImmediate(r));
    await new Promise((r) => setImmediate(r));
    // A is in its transaction; B and C wait for the next one.
    const waiting = [queue.submit(packet('B')), queue.submit(packet('C'))];
    const settled = Promise.allSettled([first, ...waiting]);
    const shut = queue.shutdown();
    release();
    expect(await shut).toBe(2);
    const [a, b, c] = await settled;
    expect(a).toMatchObject({ status: 'fulfilled', value: { outcome: 'accepted' } });
    expect(b?.status).toBe('rejected');
    expect(c?.status).toBe('rejected');
    expect(committed).toEqual([['A']]);
    await expect(queue.submit(packet('D'))).rejects.toThrow(/shut down/);
    expect(batches).toEqual([{ packets: 1, rejected: 0, seconds: expect.any(Number) as number, ok: true }]);
  });
});
