/**
 * The demo course's people index, from the manifest's people and their spelling variants (docs/people.md),
 * with each one's role and the short form the sources mostly call them by (a Russian's surname; Peng).
 */
import { readSpelling } from '~/lib/people/spellings';
import { addPerson, type Spelling } from '../queries/people';
import type { Transaction } from '../sql';

export interface ManifestPerson {
  name: string;
  variants: string[];
  /** A case's key, or `both`. */
  case: string;
}

const ROLES: Record<string, { role: string; short?: string }> = {
  'Nikita Khrushchev': { role: 'First Secretary of the CPSU Central Committee; the leader they tried to remove', short: 'Khrushchev' },
  'Georgy Malenkov': { role: 'Presidium member, former head of government; a leader of the “anti-party group”', short: 'Malenkov' },
  'Vyacheslav Molotov': { role: 'Presidium member, former foreign minister; a leader of the “anti-party group”', short: 'Molotov' },
  'Lazar Kaganovich': { role: 'Presidium member, first deputy premier; a leader of the “anti-party group”', short: 'Kaganovich' },
  'Dmitri Shepilov': { role: 'Central Committee secretary, former foreign minister; joined the group', short: 'Shepilov' },
  'Nikolai Bulganin': { role: 'Chairman of the Council of Ministers; sided with the group', short: 'Bulganin' },
  'Mikhail Pervukhin': { role: 'Presidium member, first deputy premier; sided with the group', short: 'Pervukhin' },
  'Georgy Zhukov': { role: 'Minister of Defence; backed Khrushchev', short: 'Zhukov' },
  'Anastas Mikoyan': { role: 'Presidium member; backed Khrushchev in 1957, led the Soviet side in Pyongyang in September 1956', short: 'Mikoyan' },
  'Kim Il Sung': { role: 'Chairman of the Korean Workers’ Party; the leader they tried to remove' },
  'Choe Chang-ik': { role: 'Vice-premier, of the Yan’an group; a leader of the August challenge' },
  'Pak Chang-ok': { role: 'Vice-premier, of the Soviet Koreans; a leader of the August challenge' },
  'Yun Gong-heum': { role: 'Minister of Commerce; spoke against Kim at the August plenum' },
  'Ri Sang-jo': { role: 'Ambassador in Moscow; appealed to the Soviet leadership' },
  'Peng Dehuai': { role: 'China’s defence minister; led the Chinese side of the September intervention', short: 'Peng' },
  'Choe Yong-geon': { role: 'Vice-premier; stood with Kim' },
};

export async function seedDemoPeople(tx: Transaction, input: { courseId: string; by: string; people: readonly ManifestPerson[]; caseOfKey: ReadonlyMap<string, string> }) {
  for (const person of input.people) {
    const extra = ROLES[person.name];
    const spellings = new Map<string, Spelling>();
    for (const raw of [person.name, extra?.short, ...person.variants]) {
      const read = raw ? readSpelling(raw) : null;
      if (read?.ok && !spellings.has(read.norm)) spellings.set(read.norm, { spelling: read.spelling, norm: read.norm });
    }
    await addPerson(
      input.courseId,
      { name: person.name, role: extra?.role ?? '', caseId: input.caseOfKey.get(person.case) ?? null },
      [...spellings.values()],
      input.by,
      tx,
    );
  }
}
