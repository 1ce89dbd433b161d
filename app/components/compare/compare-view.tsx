/**
 * Two sources side by side, each a full annotated reader (its own scroll, ¶ numbers, the class's
 * highlights, notes and presence, all live) scoped `left-` and `right-`. On a phone the sides are two
 * tabs; Alt+O moves between them anywhere; where both sides are is kept in the URL's fragment.
 */
import { Link, useNavigate } from '@remix-run/react';
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { caseColour, caseLabel, type CourseCase } from '~/lib/cases';
import type { SourceBlock } from '~/lib/source-html';
import { AnnotatedReader } from '~/components/reader/annotated-reader';
import { SourcePairPicker, type PickableSource } from './source-pair-picker';
import { formatSidePositions, parseSidePositions, SIDES, useSidePositions, type Side } from './side-positions';
import { OTHER_SIDE_SHORTCUT, useOtherSideShortcut } from './use-other-side-shortcut';

export interface CompareSide {
  document: PickableSource & { version: number; versions: number[] };
  text: string;
  blocks: SourceBlock[];
  firstPaint: string;
}

export interface CompareViewProps {
  courseId: string;
  sources: PickableSource[];
  cases: CourseCase[];
  sides: Record<Side, CompareSide>;
  me: { id: string; name: string };
  isInstructor: boolean;
  names: Record<string, string>;
  instructorIds: string[];
}

export function CompareView(props: CompareViewProps) {
  const { courseId, sides, cases } = props;
  const left = useRef<HTMLElement>(null);
  const right = useRef<HTMLElement>(null);
  const roots = useMemo(() => ({ left, right }), []);
  /** The side a phone shows (both are shown beside each other on wider screens). */
  const [shown, setShown] = useState<Side>('left');
  const show = usePhoneTabs(shown, setShown);
  const [notice, setNotice] = useState('');
  useSidePositions(roots, shown);
  useOtherSideShortcut(roots, (side) => {
    show(side);
    setNotice(`${side === 'left' ? 'Left' : 'Right'} side: ${sides[side].document.title}`);
  });
  const sidesRef = useRef<HTMLDivElement>(null);
  useFillViewport(sidesRef);
  // (A source of every case is in any comparison.)
  const [leftCase, rightCase] = [sides.left.document.caseId, sides.right.document.caseId];
  const sameCase = leftCase !== null && leftCase === rightCase;

  const navigate = useNavigate();
  // The two sides' places travel with them: computed when the button is used, as the fragment is then.
  const swapped = () => {
    const here = typeof window === 'undefined' ? {} : parseSidePositions(window.location.hash);
    const hash = formatSidePositions({ left: here.right, right: here.left });
    return `/c/${courseId}/compare?left=${sides.right.document.id}&right=${sides.left.document.id}${hash ? `#${hash}` : ''}`;
  };

  return (
    <div className="compare-page">
      <div className="compare-toolbar">
        <SourcePairPicker courseId={courseId} sources={props.sources} cases={cases} left={sides.left.document.id} right={sides.right.document.id} idPrefix="toolbar" submitLabel="Show" compact />
        <Link
          className="button small secondary"
          to={swapped()}
          aria-label="Swap the two sides"
          onClick={(e) => {
            e.preventDefault();
            navigate(swapped());
          }}
        >
          ⇄ Swap
        </Link>
        <p className="hint shortcut-hint">
          <kbd>{OTHER_SIDE_SHORTCUT.label}</kbd> moves between the sides.
        </p>
        {sameCase ? <p className="hint">Both sources belong to {caseLabel(cases, leftCase)}.</p> : null}
      </div>
      <div className="compare-tabs" role="group" aria-label="Which source to show">
        {SIDES.map((side) => (
          <button key={side} type="button" className="secondary small" aria-pressed={shown === side} onClick={() => show(side)}>
            {sides[side].document.title}
          </button>
        ))}
      </div>
      <p className="visually-hidden" role="status">
        {notice}
      </p>
      <div className="compare-sides" ref={sidesRef}>
        {SIDES.map((side) => {
          const s = sides[side];
          const latest = Math.max(...s.document.versions);
          return (
            <section
              key={side}
              ref={roots[side]}
              className="compare-side"
              data-side={side}
              data-shown={shown === side}
              aria-label={`${side === 'left' ? 'Left' : 'Right'}: ${s.document.title}`}
              tabIndex={-1}
            >
              <header className="side-header" style={{ '--case-colour': caseColour(cases, s.document.caseId) ?? undefined } as React.CSSProperties}>
                <h2>
                  <Link to={`/c/${courseId}/d/${s.document.id}`}>{s.document.title}</Link>
                </h2>
                <p className="meta">
                  {caseLabel(cases, s.document.caseId)}
                  {s.document.version !== latest ? ` · version ${s.document.version} of ${latest}` : null}
                </p>
              </header>
              <AnnotatedReader
                key={`${s.document.id}:${s.document.version}`}
                scope={`${side}-`}
                scrollRoot={roots[side]}
                courseId={courseId}
                documentId={s.document.id}
                documentVersion={s.document.version}
                text={s.text}
                blocks={s.blocks}
                me={props.me}
                isInstructor={props.isInstructor}
                names={props.names}
                instructorIds={props.instructorIds}
                firstPaint={s.firstPaint}
              />
            </section>
          );
        })}
      </div>
    </div>
  );
}

/**
 * On a phone the sides are tabs that scroll with the window: each tab keeps its own place (the window's
 * scroll) across switches. A link that places only the right side opens on the right tab.
 */
function usePhoneTabs(shown: Side, setShown: (side: Side) => void) {
  const kept = useRef<Record<Side, number | null>>({ left: null, right: null });
  const switched = useRef(false);
  useEffect(() => {
    const placed = parseSidePositions(window.location.hash);
    if (placed.right !== undefined && placed.left === undefined) setShown('right');
  }, [setShown]);
  useLayoutEffect(() => {
    if (!switched.current) return;
    switched.current = false;
    // (A side not shown before opens at its beginning.)
    window.scrollTo({ top: kept.current[shown] ?? 0, behavior: 'instant' });
  }, [shown]);
  return (side: Side) => {
    if (side === shown) return;
    kept.current[shown] = window.scrollY;
    switched.current = true;
    setShown(side);
  };
}

/** The two sides fill the window below the page's bars, so each scrolls by itself and the page does not. */
function useFillViewport(ref: React.RefObject<HTMLElement>) {
  useLayoutEffect(() => {
    const fit = () => {
      const el = ref.current;
      if (el) el.style.setProperty('--sides-top', `${el.getBoundingClientRect().top + window.scrollY}px`);
    };
    fit();
    window.addEventListener('resize', fit);
    return () => window.removeEventListener('resize', fit);
  }, [ref]);
}
