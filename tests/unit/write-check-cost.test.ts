/**
 * What checking an update costs, counted in the check's own steps (deterministic, unlike time): it
 * must grow linearly with the update, whatever its shape, and stop at its caps. Times are measured
 * by tests/bench/write-check.ts.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CheckMeter, checkUpdate, DEFAULT_CHECK_LIMITS, type CheckLimits } from '../../server/sync/write-rules';
import { countChanges } from '../../server/sync/update-size';
import { chainAndFan, deepNesting, encodeUpdate, originCycle, zigzagChain, type CraftedItem } from '../helpers/crafted-updates';

const USER = 'aaaaaaaa-0000-4000-8000-000000000001';
const BRANCH = `u:${USER}`;
const UNCAPPED: CheckLimits = { maxChanges: Number.MAX_SAFE_INTEGER, maxSteps: Number.MAX_SAFE_INTEGER };

function costOf(update: Uint8Array, room = new Y.Doc(), limits = UNCAPPED) {
  const meter = new CheckMeter(limits.maxSteps);
  const result = checkUpdate(room, update, new Set([BRANCH]), new Map(), USER, { limits, meter });
  return { result, steps: meter.steps, changes: countChanges(update, Number.MAX_SAFE_INTEGER) };
}

/** A mixture of the adversarial shapes, each of a generated size, in one update from several clients. */
const shapes = fc.record({
  chain: fc.integer({ min: 1, max: 3000 }),
  fan: fc.integer({ min: 0, max: 3000 }),
  depth: fc.integer({ min: 1, max: 3000 }),
  leaves: fc.integer({ min: 0, max: 3000 }),
  zigzag: fc.integer({ min: 1, max: 3000 }),
});

type Shape = { chain: number; fan: number; depth: number; leaves: number; zigzag: number };

function mixture({ chain, fan, depth, leaves, zigzag }: Shape) {
  // Each shape on its own clients, in one update.
  return encodeUpdate([...chainAndFan(BRANCH, chain, fan, 1), ...deepNesting(BRANCH, depth, leaves, 2), ...zigzagChain(BRANCH, zigzag, [3, 4])]);
}

describe('the write check’s cost', () => {
  it('a chain with a fan onto its end costs steps in proportion to its structs, not chain × fan', () => {
    const { result, steps, changes } = costOf(encodeUpdate(chainAndFan(BRANCH, 5000, 5000)));
    expect(result.ok).toBe(true);
    expect(changes).toBe(10_000);
    // The old check walked each fan item back along the whole chain: 25 million steps.
    expect(steps).toBeLessThanOrEqual(4 * changes);
  });

  it('grows at most linearly for any mixture of long chains, wide fans, deep nesting and zigzags', () => {
    fc.assert(
      fc.property(shapes, (shape) => {
        const { result, steps, changes } = costOf(mixture(shape));
        expect(result.ok).toBe(true);
        expect(steps).toBeLessThanOrEqual(4 * changes + 10);
      }),
      { numRuns: 60 },
    );
  });

  it('refuses the same shapes under another member’s root, at the same cost', () => {
    fc.assert(
      fc.property(shapes, (shape) => {
        const other = 'u:bbbbbbbb-0000-4000-8000-000000000002';
        const update = encodeUpdate([...chainAndFan(other, shape.chain, shape.fan, 1), ...deepNesting(other, shape.depth, shape.leaves, 2)]);
        const { result, steps, changes } = costOf(update);
        expect(result).toMatchObject({ ok: false, reason: `writes under "${other}"` });
        expect(steps).toBeLessThanOrEqual(4 * changes + 10);
      }),
      { numRuns: 30 },
    );
  });

  it('climbs a deep type of the room once, not once per item written under it', () => {
    const room = new Y.Doc();
    Y.applyUpdate(room, encodeUpdate(deepNesting(BRANCH, 5000, 0, 7)));
    // 5000 values set in the deepest map, written by another client that has the room's state.
    const items: CraftedItem[] = Array.from({ length: 5000 }, (_, i) => ({ parent: { client: 7, clock: 4999 }, parentSub: `leaf${i}`, content: { any: i } }));
    const { result, steps } = costOf(encodeUpdate([{ client: 8, items }]), room);
    expect(result.ok).toBe(true);
    expect(steps).toBeLessThanOrEqual(3 * 5000 + 5000 + 10); // each item once, the nesting once
  });

  it('accepts a chain far longer than the old check’s depth limit of 10 000', () => {
    expect(costOf(encodeUpdate(chainAndFan(BRANCH, 30_000, 0))).result.ok).toBe(true);
  });

  it('walks a deletion of many of the room’s structs once, in order', () => {
    const room = new Y.Doc();
    Y.applyUpdate(room, encodeUpdate(chainAndFan(BRANCH, 20_000, 0, 9)));
    const { result, steps } = costOf(encodeUpdate([], [{ client: 9, clock: 0, len: 20_000 }]), room);
    expect(result).toMatchObject({ ok: true, changes: true });
    expect(steps).toBeLessThanOrEqual(20_000 + 10);
  });

  it('refuses an update whose items are placed after each other in a cycle, without hanging', () => {
    const { result, steps } = costOf(encodeUpdate(originCycle()));
    expect(result.ok).toBe(false);
    expect(steps).toBeLessThan(10);
  });

  it('refuses a 1 MiB update of tiny structs by counting them, before decoding it', () => {
    const update = encodeUpdate(chainAndFan(BRANCH, 90_000, 90_000));
    expect(update.byteLength).toBeGreaterThan(1000 * 1024);
    const meter = new CheckMeter(DEFAULT_CHECK_LIMITS.maxSteps);
    const result = checkUpdate(new Y.Doc(), update, new Set([BRANCH]), new Map(), USER, { meter });
    expect(result).toEqual({ ok: false, reason: `too many changes in one update (more than ${DEFAULT_CHECK_LIMITS.maxChanges})` });
    expect(meter.steps).toBe(0); // nothing was resolved: the count alone refused it
  });

  it('refuses, past its step limit, an update the count let through', () => {
    const room = new Y.Doc();
    Y.applyUpdate(room, encodeUpdate(chainAndFan(BRANCH, 50_000, 0, 9)));
    // One deleted range, one change, over 50 000 structs of the room.
    const limits = { maxChanges: 10, maxSteps: 10_000 };
    const { result } = costOf(encodeUpdate([], [{ client: 9, clock: 0, len: 50_000 }]), room, limits);
    expect(result).toEqual({ ok: false, reason: 'the update is too costly to check (over 10000 steps)' });
  });

  it('counts changes exactly as Yjs decodes them', () => {
    fc.assert(
      fc.property(shapes, (shape) => {
        const update = mixture(shape);
        const decoded = Y.decodeUpdate(update);
        const ranges = [...decoded.ds.clients.values()].reduce((n, r) => n + r.length, 0);
        expect(countChanges(update, Number.MAX_SAFE_INTEGER)).toBe(decoded.structs.length + ranges);
      }),
      { numRuns: 20 },
    );
    // Every kind of content a real client writes, with deletions.
    const doc = new Y.Doc();
    const branch = doc.getMap(BRANCH);
    const text = new Y.Text('Khrushchev');
    branch.set('t', text);
    text.insert(3, 'X', { bold: true });
    text.insertEmbed(1, { image: 'x' });
    branch.set('a', new Y.Array());
    (branch.get('a') as Y.Array<unknown>).push([1, 'two', { three: [3] }, new Uint8Array([4]), new Y.XmlElement('p'), new Y.XmlText('x'), new Y.Doc()]);
    text.delete(0, 2);
    branch.delete('a');
    const update = Y.encodeStateAsUpdate(doc);
    const decoded = Y.decodeUpdate(update);
    const ranges = [...decoded.ds.clients.values()].reduce((n, r) => n + r.length, 0);
    expect(countChanges(update, Number.MAX_SAFE_INTEGER)).toBe(decoded.structs.length + ranges);
    expect(countChanges(update, 2)).toBe(3);
  });
});
