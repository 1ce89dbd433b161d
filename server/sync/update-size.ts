/**
 * Counts the structs of a Yjs update (v1 encoding) without decoding it. Decoding allocates an object
 * per struct (and a whole Yjs type per nested map), which for a 1 MiB update of tiny structs takes
 * half a second on the event loop every member shares; this walk reads the same bytes, allocates
 * nothing per struct, and stops as soon as the count passes the limit, so an update with too many
 * structs is refused before Yjs ever decodes it. Yjs has no such reader of its own (its lazy reader
 * builds every struct too).
 */
import * as decoding from 'lib0/decoding';

const TYPE_XML_ELEMENT = 3;
const TYPE_XML_HOOK = 5;

/**
 * The number of structs plus deleted ranges in `update`, or `limit + 1` as soon as it is clear that
 * there are more than `limit`. Throws on bytes that are not a v1 update.
 */
export function countChanges(update: Uint8Array, limit: number): number {
  const d = decoding.createDecoder(update);
  let count = 0;
  const groups = decoding.readVarUint(d);
  for (let g = 0; g < groups; g++) {
    const structs = decoding.readVarUint(d);
    if (count + structs > limit) return limit + 1;
    count += structs;
    decoding.readVarUint(d); // client
    decoding.readVarUint(d); // first clock
    for (let s = 0; s < structs; s++) skipStruct(d);
  }
  const deletedClients = decoding.readVarUint(d);
  for (let c = 0; c < deletedClients; c++) {
    decoding.readVarUint(d); // client
    const ranges = decoding.readVarUint(d);
    if (count + ranges > limit) return limit + 1;
    count += ranges;
    for (let r = 0; r < ranges; r++) {
      decoding.readVarUint(d);
      decoding.readVarUint(d);
    }
  }
  return count;
}

function skipStruct(d: decoding.Decoder) {
  const info = decoding.readUint8(d);
  const ref = info & 0b11111;
  if (ref === 0 || ref === 10) {
    decoding.readVarUint(d); // GC or Skip: a length
    return;
  }
  const hasOrigin = (info & 0x80) !== 0;
  const hasRightOrigin = (info & 0x40) !== 0;
  if (hasOrigin) skipId(d);
  if (hasRightOrigin) skipId(d);
  if (!hasOrigin && !hasRightOrigin) {
    if (decoding.readVarUint(d) === 1) decoding.readVarString(d);
    else skipId(d);
    if ((info & 0x20) !== 0) decoding.readVarString(d); // parentSub
  }
  skipContent(d, ref);
}

function skipId(d: decoding.Decoder) {
  decoding.readVarUint(d);
  decoding.readVarUint(d);
}

function skipContent(d: decoding.Decoder, ref: number) {
  switch (ref) {
    case 1: // deleted
      decoding.readVarUint(d);
      return;
    case 2: // JSON: a count, then that many strings
      for (let n = decoding.readVarUint(d); n > 0; n--) decoding.readVarString(d);
      return;
    case 3: // binary
      decoding.readVarUint8Array(d);
      return;
    case 4: // string
    case 5: // embed
      decoding.readVarString(d);
      return;
    case 6: // format: key and value
      decoding.readVarString(d);
      decoding.readVarString(d);
      return;
    case 7: {
      // a type: its kind, and an XML element's or hook's name
      const typeRef = decoding.readVarUint(d);
      if (typeRef === TYPE_XML_ELEMENT || typeRef === TYPE_XML_HOOK) decoding.readVarString(d);
      return;
    }
    case 8: // any: a count, then that many values
      for (let n = decoding.readVarUint(d); n > 0; n--) decoding.readAny(d);
      return;
    case 9: // a subdocument: its guid and options
      decoding.readVarString(d);
      decoding.readAny(d);
      return;
    default:
      throw new Error(`unknown struct content ${ref}`);
  }
}
