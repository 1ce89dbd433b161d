/**
 * npm run bench:write-check — what the sync server's write check costs on crafted updates.
 *
 * 1. Growth: each adversarial shape at 1 000, 10 000 and 100 000 changes with the caps lifted; the
 *    time per change must stay flat (the old check's chain × fan grew with the square).
 * 2. A 1 MiB update of tiny structs under the default caps: the time to refuse it, against the
 *    time Yjs alone needs to decode the same bytes (the floor of any check that decodes first).
 * 3. The costliest update the caps let through: decode + check + apply, against an honest update
 *    of the same size (one long note), all in this run.
 */
import * as Y from 'yjs';
import { CheckMeter, checkUpdate, DEFAULT_CHECK_LIMITS } from '../../server/sync/write-rules';
import { chainAndFan, deepNesting, encodeUpdate, zigzagChain, type CraftedGroup } from '../helpers/crafted-updates';

const ROOT = 'u:aaaaaaaa-0000-4000-8000-000000000001';
const USER = 'aaaaaaaa-0000-4000-8000-000000000001';
const UNCAPPED = { maxChanges: Number.MAX_SAFE_INTEGER, maxSteps: Number.MAX_SAFE_INTEGER };
const RUNS = Number(process.env.BENCH_RUNS ?? 5);

const shapes: Record<string, (changes: number) => CraftedGroup[]> = {
  'chain + fan': (n) => chainAndFan(ROOT, Math.ceil(n / 2), Math.floor(n / 2)),
  'deep nesting': (n) => deepNesting(ROOT, Math.ceil(n / 2), Math.floor(n / 2)),
  zigzag: (n) => zigzagChain(ROOT, n),
};

/** Median time in ms of `RUNS` runs of `work`, after one warm-up run. */
function median(work: () => void): number {
  work();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    work();
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b)[Math.floor(times.length / 2)]!;
}

const check = (update: Uint8Array, limits = DEFAULT_CHECK_LIMITS) =>
  checkUpdate(new Y.Doc(), update, new Set([ROOT]), new Map(), USER, { limits, meter: new CheckMeter(limits.maxSteps) });

console.log('1. Growth, caps lifted (µs per change should stay flat)');
let linear = true;
for (const [name, shape] of Object.entries(shapes)) {
  const perChange: number[] = [];
  const cells: string[] = [];
  for (const n of [1_000, 10_000, 100_000]) {
    const update = encodeUpdate(shape(n));
    const ms = median(() => check(update, UNCAPPED));
    perChange.push((ms * 1000) / n);
    cells.push(`${n.toLocaleString('en')}: ${ms.toFixed(1)} ms (${((ms * 1000) / n).toFixed(2)} µs/change)`);
  }
  const growth = perChange[2]! / perChange[0]!;
  if (growth > 3) linear = false;
  console.log(`   ${name.padEnd(13)} ${cells.join('   ')}   growth ×${growth.toFixed(2)}`);
}
console.log(`   ${linear ? 'linear: per-change cost at 100 000 within 3× of that at 1 000' : 'NOT LINEAR: per-change cost grew more than 3×'}`);

console.log('\n2. A 1 MiB update of tiny structs, default caps');
for (const [name, shape] of Object.entries(shapes)) {
  let n = 1_000;
  let update = encodeUpdate(shape(n));
  while (update.byteLength < 1024 * 1024 - 64 * 1024) update = encodeUpdate(shape((n = Math.round((n * 1024 * 1024) / update.byteLength))));
  const refuse = median(() => check(update));
  const decode = median(() => Y.decodeUpdate(update));
  const result = check(update);
  console.log(`   ${name.padEnd(13)} ${(update.byteLength / 1024).toFixed(0)} KiB, ${n.toLocaleString('en')} changes: refused in ${refuse.toFixed(2)} ms (${result.ok ? 'ACCEPTED?' : result.reason}); Yjs decoding it alone: ${decode.toFixed(1)} ms`);
}

console.log(`\n3. The costliest update the caps let through (${DEFAULT_CHECK_LIMITS.maxChanges.toLocaleString('en')} changes), decode + check + apply`);
for (const [name, shape] of Object.entries(shapes)) {
  const update = encodeUpdate(shape(DEFAULT_CHECK_LIMITS.maxChanges));
  const total = median(() => {
    const doc = new Y.Doc();
    if (!checkUpdate(doc, update, new Set([ROOT]), new Map(), USER).ok) throw new Error('refused');
    Y.applyUpdate(doc, update);
  });
  // The honest reference: one note of the same byte size, written the way the app writes notes.
  const honestDoc = new Y.Doc();
  honestDoc.getMap(ROOT).set('n1', JSON.stringify({ body: 'x'.repeat(update.byteLength) }));
  const honest = Y.encodeStateAsUpdate(honestDoc);
  const reference = median(() => {
    const doc = new Y.Doc();
    if (!checkUpdate(doc, honest, new Set([ROOT]), new Map(), USER).ok) throw new Error('refused');
    Y.applyUpdate(doc, honest);
  });
  console.log(`   ${name.padEnd(13)} ${(update.byteLength / 1024).toFixed(0)} KiB: ${total.toFixed(1)} ms; an honest note of that size: ${reference.toFixed(2)} ms`);
}
if (!linear) process.exitCode = 1;
