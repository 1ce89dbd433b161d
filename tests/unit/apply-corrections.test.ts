import { describe, expect, it } from 'vitest';
import { describePassage } from '~/lib/anchoring/selectors';
import { applyCorrections } from '~/lib/sources/apply-corrections';

const V1 = 'The attempted coup against Khrushchov In7 had its antecedents.\n\nHalenkov, Molotov and Kaganovich lost.';
const on = (text: string, phrase: string, version = 1) => {
  const at = text.indexOf(phrase);
  return { version, selectors: describePassage(text, at, at + phrase.length) };
};

describe('applying accepted corrections', () => {
  it('replaces each passage where it is now, several at once, in any order', () => {
    const applied = applyCorrections(V1, 1, [
      { id: 'b', ...on(V1, 'Halenkov'), text: 'Malenkov' },
      { id: 'a', ...on(V1, 'Khrushchov In7'), text: 'Khrushchev in 1957' },
    ]);
    expect(applied).toEqual({ ok: true, text: 'The attempted coup against Khrushchev in 1957 had its antecedents.\n\nMalenkov, Molotov and Kaganovich lost.' });
  });

  it('finds a passage read in an older version where a newer one moved it, and refuses one that is gone or overlaps another', () => {
    const v2 = `A preface.\n\n${V1}`;
    expect(applyCorrections(v2, 2, [{ id: 'a', ...on(V1, 'Halenkov'), text: 'Malenkov' }])).toEqual({ ok: true, text: v2.replace('Halenkov', 'Malenkov') });
    const v3 = V1.replace('Halenkov, Molotov and Kaganovich lost.', 'They lost.');
    const gone = applyCorrections(v3, 3, [{ id: 'a', ...on(V1, 'Halenkov'), text: 'Malenkov' }]);
    expect(gone).toEqual({ ok: false, problems: { a: expect.stringContaining('no longer in the newest text') } });
    const overlapping = applyCorrections(V1, 1, [
      { id: 'a', ...on(V1, 'Khrushchov In7'), text: 'Khrushchev in 1957' },
      { id: 'b', ...on(V1, 'In7 had'), text: '1957 had' },
    ]);
    expect(overlapping).toEqual({ ok: false, problems: { b: expect.stringContaining('overlaps') } });
  });
});
