/**
 * The reader's People toggle: marks every mention of someone in the people index (any of their spellings)
 * in the text, lists who this source mentions and how often (each a link to the person, and a way to step
 * through their mentions), and, on a click on a marked mention, says whose it is with a link to them.
 * The choice is kept in the browser.
 */
import { Link } from '@remix-run/react';
import { useEffect, useMemo, useState } from 'react';
import { findSpellings, type PersonSpellings } from '~/lib/people/spellings';
import { offsetAtPoint, staticRangeOf } from '~/lib/notes/selection';
import { viewportOf } from '~/lib/notes/viewport';
import { paintPeopleMentions } from './highlights';

const STORED = 'plenum:people-marks';

interface Mention {
  start: number;
  end: number;
  person: PersonSpellings;
}

export function PeopleMarks(props: { courseId: string; text: string; people: readonly PersonSpellings[]; /** A reader that scrolls by itself (a compare view's side): its id scope and scrolling element. */ scope?: string; scrollRoot?: React.RefObject<HTMLElement> }) {
  const { text, people, scope = '' } = props;
  const [on, setOn] = useState(false);
  const [shown, setShown] = useState<{ mention: Mention; x: number; y: number } | null>(null);
  const [stepAt, setStepAt] = useState<Record<string, number>>({});
  useEffect(() => setOn(localStorage.getItem(STORED) === 'on'), []);
  const toggle = () => {
    setOn(!on);
    setShown(null);
    localStorage.setItem(STORED, on ? 'off' : 'on');
  };
  const mentions = useMemo<Mention[]>(() => {
    if (!on) return [];
    const byNorm = new Map(people.flatMap((p) => p.norms.map((n) => [n, p] as const)));
    return findSpellings(text, [...byNorm.keys()]).map((m) => ({ start: m.start, end: m.end, person: byNorm.get(m.norm)! }));
  }, [on, text, people]);
  const counts = useMemo(() => {
    const by = new Map<string, { person: PersonSpellings; at: Mention[] }>();
    for (const m of mentions) {
      const entry = by.get(m.person.id) ?? { person: m.person, at: [] };
      entry.at.push(m);
      by.set(m.person.id, entry);
    }
    return [...by.values()].sort((a, b) => b.at.length - a.at.length || a.person.name.localeCompare(b.person.name));
  }, [mentions]);

  const container = () => document.getElementById(`${scope}source-text`);
  useEffect(() => {
    const element = document.getElementById(`${scope}source-text`);
    if (!element) return;
    paintPeopleMentions(element, mentions, scope);
    if (mentions.length === 0) return;
    // A click on a mention says whose it is.
    const onClick = (e: MouseEvent) => {
      if (window.getSelection()?.toString()) return;
      const offset = offsetAtPoint(element, e.clientX, e.clientY);
      const mention = offset === null ? undefined : mentions.find((m) => m.start <= offset && offset < m.end);
      setShown(mention ? { mention, x: e.clientX, y: e.clientY } : null);
    };
    element.addEventListener('click', onClick);
    return () => {
      element.removeEventListener('click', onClick);
      paintPeopleMentions(element, [], scope);
    };
  }, [mentions, scope]);
  useEffect(() => {
    if (!shown) return;
    const close = (e: KeyboardEvent) => e.key === 'Escape' && setShown(null);
    const away = () => setShown(null);
    window.addEventListener('keydown', close);
    window.addEventListener('scroll', away, { passive: true, once: true });
    return () => {
      window.removeEventListener('keydown', close);
      window.removeEventListener('scroll', away);
    };
  }, [shown]);

  /** Brings a person's next mention into view and selects it (so the keyboard and screen readers are there too). */
  const step = (id: string, at: Mention[]) => {
    const element = container();
    const i = ((stepAt[id] ?? -1) + 1) % at.length;
    setStepAt({ ...stepAt, [id]: i });
    const range = element ? staticRangeOf(element, at[i]!.start, at[i]!.end) : null;
    if (!range) return;
    const live = document.createRange();
    live.setStart(range.startContainer, range.startOffset);
    live.setEnd(range.endContainer, range.endOffset);
    const rect = live.getBoundingClientRect();
    const view = viewportOf(props.scrollRoot?.current ?? null);
    view.scrollBy(rect.top - view.top - (view.bottom - view.top) / 3, 'smooth');
    window.getSelection()?.removeAllRanges();
    window.getSelection()?.addRange(live);
  };

  return (
    <div className="people-marks">
      <button type="button" className="small secondary" aria-pressed={on} onClick={toggle}>
        People
      </button>
      {on ? (
        counts.length === 0 ? (
          <span className="meta"> Nobody in the <Link to={`/c/${props.courseId}/people`}>people index</Link> is mentioned in this source.</span>
        ) : (
          <ul className="people-here" aria-label="People mentioned in this source">
            {counts.map(({ person, at }) => (
              <li key={person.id}>
                <Link to={`/c/${props.courseId}/people/${person.id}`}>{person.name}</Link>{' '}
                <button type="button" className="link-button" onClick={() => step(person.id, at)} aria-label={`Next mention of ${person.name} (${at.length} in all)`}>
                  {at.length}×
                </button>
              </li>
            ))}
          </ul>
        )
      ) : null}
      {shown ? (
        <div className="mention-pop" role="status" style={{ left: Math.min(shown.x, window.innerWidth - 260), top: shown.y + 14 }}>
          <Link to={`/c/${props.courseId}/people/${shown.mention.person.id}`}>{shown.mention.person.name}</Link>
          <span className="meta"> · “{text.slice(shown.mention.start, shown.mention.end)}”</span>
        </div>
      ) : null}
    </div>
  );
}
