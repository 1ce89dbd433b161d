import { describe, expect, it } from 'vitest';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { checkUpdate } from '../../server/sync/write-rules';

const A = 'aaaaaaaa-0000-4000-8000-000000000001';
const B = 'bbbbbbbb-0000-4000-8000-000000000002';

/** A room (the server's doc) and one client doc per user, kept in sync like the real server does. */
function setup() {
  const room = new Y.Doc();
  const owners = new Map<number, string>();
  const clients = { [A]: new Y.Doc(), [B]: new Y.Doc() } as Record<string, Y.Doc>;
  owners.set(clients[A]!.clientID, A);
  owners.set(clients[B]!.clientID, B);
  /** What `user` sends for one change, checked against the room. */
  const send = (user: string, change: (doc: Y.Doc) => void, roots = new Set([`u:${user}`])) => {
    const doc = clients[user]!;
    const updates: Uint8Array[] = [];
    const listener = (u: Uint8Array) => updates.push(u);
    doc.on('update', listener);
    change(doc);
    doc.off('update', listener);
    const update = Y.mergeUpdates(updates);
    return { update, result: checkUpdate(room, update, roots, owners, user) };
  };
  /** Accepted: apply to the room and to every client. */
  const accept = (update: Uint8Array) => {
    Y.applyUpdate(room, update);
    for (const doc of Object.values(clients)) Y.applyUpdate(doc, update);
  };
  return { room, clients, owners, send, accept };
}

describe('checkUpdate', () => {
  it('accepts notes written in the sender’s own branch, nested types included', () => {
    const { send, accept } = setup();
    const { update, result } = send(A, (doc) => {
      const note = new Y.Map();
      doc.getMap(`u:${A}`).set('n1', note);
      note.set('body', new Y.Text('Khrushchev refused to resign.'));
    });
    expect(result.ok).toBe(true);
    accept(update);
    const edit = send(A, (doc) => ((doc.getMap(`u:${A}`).get('n1') as Y.Map<Y.Text>).get('body') as Y.Text).insert(0, 'In June, '));
    expect(edit.result.ok).toBe(true);
  });

  it('refuses a write into another member’s branch', () => {
    const { send } = setup();
    const { result } = send(A, (doc) => doc.getMap(`u:${B}`).set('n1', 'forged'));
    expect(result).toEqual({ ok: false, reason: `writes under "u:${B}"` });
  });

  it('refuses text typed into another member’s note (the item names only its neighbour)', () => {
    const { send, accept } = setup();
    const created = send(B, (doc) => doc.getMap(`u:${B}`).set('n1', new Y.Text('Original words')));
    accept(created.update);
    const { result } = send(A, (doc) => ((doc.getMap(`u:${B}`).get('n1') as Y.Text).insert(8, ' forged')));
    expect(result.ok).toBe(false);
  });

  it('refuses overwriting a key of another member’s map, and deleting their item', () => {
    const first = setup();
    first.accept(first.send(B, (doc) => doc.getMap(`u:${B}`).set('n1', 'mine')).update);
    expect(first.send(A, (doc) => doc.getMap(`u:${B}`).set('n1', 'yours')).result.ok).toBe(false);
    const { send, accept } = setup();
    accept(send(B, (doc) => doc.getMap(`u:${B}`).set('n1', 'mine')).update);
    const deletion = send(A, (doc) => doc.getMap(`u:${B}`).delete('n1'));
    expect(deletion.result).toMatchObject({ ok: false, reason: `deletes an item under "u:${B}"` });
  });

  it('accepts deleting one’s own items', () => {
    const { send, accept } = setup();
    accept(send(A, (doc) => doc.getMap(`u:${A}`).set('n1', 'draft')).update);
    expect(send(A, (doc) => doc.getMap(`u:${A}`).delete('n1')).result.ok).toBe(true);
  });

  it('lets instructors write moderation flags, and nobody else', () => {
    const { send } = setup();
    expect(send(A, (doc) => doc.getMap('mod').set('n1', { hidden: true }), new Set([`u:${A}`, 'mod'])).result.ok).toBe(true);
    expect(send(A, (doc) => doc.getMap('mod').set('n1', { hidden: true })).result.ok).toBe(false);
  });

  it('ignores what the room already has, so a full-state resend by a client passes', () => {
    const { send, accept, clients, room, owners } = setup();
    accept(send(B, (doc) => doc.getMap(`u:${B}`).set('n1', 'theirs')).update);
    accept(send(A, (doc) => doc.getMap(`u:${A}`).set('n2', 'mine')).update);
    const fullState = Y.encodeStateAsUpdate(clients[A]!);
    expect(checkUpdate(room, fullState, new Set([`u:${A}`]), owners, A)).toEqual({ ok: true, changes: false, newClients: [] });
  });

  it('refuses writing with another member’s Yjs client id', () => {
    const { clients, room, owners } = setup();
    const forger = new Y.Doc();
    forger.clientID = clients[B]!.clientID;
    forger.getMap(`u:${A}`).set('n1', 'burns B’s clock numbers');
    const result = checkUpdate(room, Y.encodeStateAsUpdate(forger), new Set([`u:${A}`]), owners, A);
    expect(result).toMatchObject({ ok: false, reason: expect.stringContaining('belongs to another member') });
  });

  it('claims a new client id for the sender', () => {
    const { room, owners } = setup();
    const fresh = new Y.Doc();
    fresh.getMap(`u:${A}`).set('n1', 'hello');
    expect(checkUpdate(room, Y.encodeStateAsUpdate(fresh), new Set([`u:${A}`]), owners, A)).toEqual({ ok: true, changes: true, newClients: [fresh.clientID] });
  });

  it('refuses deleting items the room does not have (they would be deleted on arrival)', () => {
    const { clients, room, owners } = setup();
    // A v1 update with no structs and a delete set covering B's future clocks 0..99.
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, 0); // struct groups
    encoding.writeVarUint(encoder, 1); // delete set: clients
    encoding.writeVarUint(encoder, clients[B]!.clientID);
    encoding.writeVarUint(encoder, 1); // ranges
    encoding.writeVarUint(encoder, 0); // clock
    encoding.writeVarUint(encoder, 100); // length
    const result = checkUpdate(room, encoding.toUint8Array(encoder), new Set([`u:${A}`]), owners, A);
    expect(result).toMatchObject({ ok: false, reason: expect.stringContaining('which the room does not have') });
  });

  it('refuses an item placed after an item nobody has', () => {
    const { room, owners } = setup();
    const other = new Y.Doc();
    other.getArray(`u:${A}`).insert(0, ['first']);
    const base = Y.encodeStateAsUpdate(other);
    const stateBefore = Y.encodeStateVector(other);
    other.getArray(`u:${A}`).insert(1, ['second']);
    const onlySecond = Y.encodeStateAsUpdate(other, stateBefore);
    expect(base.length).toBeGreaterThan(0);
    expect(checkUpdate(room, onlySecond, new Set([`u:${A}`]), owners, A)).toMatchObject({ ok: false });
  });
});
