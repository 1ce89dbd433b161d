/**
 * Two sources side by side, each a full annotated reader (its own scroll, ¶ numbers, the class's
 * highlights, notes and presence, all live) scoped `left-` and `right-`. On a phone the sides are two
 * tabs; Alt+O moves between them anywhere; where both sides are is kept in the URL's fragment.
 * Longer than most modules: the view and the hooks that share its two sides' elements (linking from
 * one side to the other, the phone's tabs, filling the window) are kept together.
 */
import { Link } from '@remix-run/react';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { caseColour, caseLabel, type CourseCase } from '~/lib/cases';
import type { SourceBlock } from '~/lib/source-html';
import { AnnotatedReader } from '~/components/reader/annotated-reader';
import { useReaderSeminar } from '~/components/seminar/use-reader-seminar';
import { LINK_SHORTCUT } from '~/components/reader/use-passage-shortcut';
import { PeopleMarks } from '~/components/reader/people-marks';
import type { PersonSpellings } from '~/lib/people/spellings';
import { endOfPassage, linkedBlock, type LinkEnd, type PaintedLink } from '~/lib/compare/links';
import type { BadgeTarget } from './link-badges';
import { anchorOfEnd, blockAtOffset } from '~/lib/compare/link-anchors';
import type { Evidence } from '~/lib/compare/matrix';
import { useAddToMatrix } from './add-to-matrix';
import { LinkDialog } from './link-dialog';
import { evidenceAt, MatrixDropStrip, useEvidenceDrag } from './matrix-drop';
import { useLinkThread } from './link-thread';
import { useMatrix } from './use-matrix';
import { useAddToTimeline } from '~/components/timeline/add-to-timeline';
import { useTimeline } from '~/components/timeline/use-timeline';
import { useCourseLinks, type LinkView } from './use-course-links';
import { SourcePairPicker, type PickableSource } from './source-pair-picker';
import { blockHolding, formatSidePositions, parseSidePositions, showBlock, SIDES, useSidePositions, type Side } from './side-positions';
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
  /** The relations the course's links may name. */
  relations: string[];
  sides: Record<Side, CompareSide>;
  me: { id: string; name: string };
  isInstructor: boolean;
  names: Record<string, string>;
  instructorIds: string[];
  /** The links on the two sources, brought with the page (painted until the rooms arrive). */
  firstPaintLinks: PaintedLink[];
  /** The people index: the People toggle's spellings, and the people a timeline event concerns. */
  people: (PersonSpellings & { caseId: string | null })[];
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
  const links = useCourseLinks({ ...props, firstPaint: props.firstPaintLinks });
  const matrix = useMatrix({ room: links.classRoom, me: props.me, isInstructor: props.isInstructor, names: props.names, rowsOnly: true });
  const addToMatrix = useAddToMatrix({ matrix, cases, sources: props.sources });
  const timeline = useTimeline({ room: links.classRoom, me: props.me, isInstructor: props.isInstructor, names: props.names });
  const addToTimeline = useAddToTimeline({ timeline, cases, sources: props.sources, people: props.people });
  const linking = useLinking(props, roots, show, links, addToMatrix.open);
  const dragged = useEvidenceDrag(sidesRef, (target) => {
    const side = target.closest<HTMLElement>('[data-side]');
    const s = side ? sides[side.dataset.side as Side] : null;
    return evidenceAt(target, links.views, side && s ? { root: side, source: { id: s.document.id, version: s.document.version, text: s.text }, blocks: s.blocks } : null);
  });
  const thread = useLinkThread({ courseId, links, me: props.me.id, isInstructor: props.isInstructor, describe: linking.describe });
  useThreadFromUrl(links.views, thread.openKey);
  // (A source of every case is in any comparison.)
  const [leftCase, rightCase] = [sides.left.document.caseId, sides.right.document.caseId];
  const sameCase = leftCase !== null && leftCase === rightCase;
  const seminar = useReaderSeminar({
    courseId,
    me: props.me,
    isInstructor: props.isInstructor,
    sides: SIDES.map((side) => ({
      source: { id: sides[side].document.id, version: sides[side].document.version, text: sides[side].text },
      root: roots[side],
      scroller: roots[side],
      scope: `${side}-`,
    })),
  });

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
          reloadDocument
          onClick={(e) => {
            // A whole page load, as a reload: both sources open afresh at their places in the fragment
            // (within the page, a client-side navigation sometimes left the sides where they were).
            e.preventDefault();
            window.location.assign(swapped());
          }}
        >
          ⇄ Swap
        </Link>
        <p className="hint shortcut-hint">
          <kbd>{OTHER_SIDE_SHORTCUT.label}</kbd> moves between the sides.
        </p>
        {sameCase ? <p className="hint">Both sources belong to {caseLabel(cases, leftCase)}.</p> : null}
        {seminar.startButton}
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
      {linking.banner}
      {linking.dialog}
      {addToMatrix.dialog}
      {addToTimeline.dialog}
      {thread.dialog}
      <MatrixDropStrip evidence={dragged} matrix={matrix} cases={cases} onDrop={addToMatrix.open} />
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
                <PeopleMarks courseId={courseId} text={s.text} people={props.people} scope={`${side}-`} scrollRoot={roots[side]} />
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
                links={linking.badgesFor(side, links.views, thread.open, seminar.spotlightLink)}
                linking={linking.forSide(side)}
                onAddToTimeline={(passage) => addToTimeline.open(endOfPassage({ id: s.document.id, version: s.document.version, text: s.text }, passage, blockAtOffset(s.blocks, passage.start)?.number))}
                onAddToMatrix={(passage) =>
                  addToMatrix.open({ kind: 'passage', target: [endOfPassage({ id: s.document.id, version: s.document.version, text: s.text }, passage, blockAtOffset(s.blocks, passage.start)?.number)] })
                }
                {...seminar.spotlightsFor(SIDES.indexOf(side))}
                onAddNoteToMatrix={({ authorId, id, passage }) =>
                  addToMatrix.open({ kind: 'note', authorId, id, target: [endOfPassage({ id: s.document.id, version: s.document.version, text: s.text }, passage, blockAtOffset(s.blocks, passage.start)?.number)] })
                }
              />
            </section>
          );
        })}
      </div>
      {seminar.bar}
    </div>
  );
}

type Passage = { start: number; end: number };


/**
 * Linking two passages: "Link…" (or Alt+L) on a passage of one side, then "Link here" on a passage of
 * the other, then the dialog. And the badges of the links already made, which, when both their
 * passages are on screen here, are followed by scrolling the other side rather than leaving the page.
 */
function useLinking(
  props: CompareViewProps,
  roots: Record<Side, React.RefObject<HTMLElement>>,
  show: (side: Side) => void,
  links: ReturnType<typeof useCourseLinks>,
  cite: (evidence: Evidence) => void,
) {
  const { courseId, sides, cases } = props;
  const [from, setFrom] = useState<{ side: Side; passage: Passage } | null>(null);
  const [to, setTo] = useState<{ side: Side; passage: Passage } | null>(null);
  const other = (side: Side): Side => (side === 'left' ? 'right' : 'left');
  const chosen = (end: { side: Side; passage: Passage }) => {
    const s = sides[end.side];
    return {
      title: s.document.title,
      block: blockAtOffset(s.blocks, end.passage.start)?.number ?? 0,
      quote: s.text.slice(end.passage.start, end.passage.end),
      caseLabel: caseLabel(cases, s.document.caseId),
    };
  };
  const clear = () => {
    setFrom(null);
    setTo(null);
    window.getSelection()?.removeAllRanges();
  };

  const forSide = (side: Side) => ({
    label: from && from.side !== side ? 'Link here' : 'Link…',
    onPassage(passage: Passage) {
      if (from && from.side !== side) setTo({ side, passage });
      else {
        setFrom({ side, passage });
        window.getSelection()?.removeAllRanges();
      }
    },
  });

  const banner = from ? (
    <div className="linking-banner" role="status">
      <span>
        Linking from <strong>{chosen(from).title} ¶ {chosen(from).block}</strong>: select a passage on the other side and choose <em>Link here</em> (
        <kbd>{LINK_SHORTCUT.label}</kbd>), or <em>Link…</em> on a note there.
      </span>
      <button type="button" className="small secondary show-other-side" onClick={() => show(other(from.side))}>
        Show the other side
      </button>
      <button type="button" className="small secondary" onClick={clear}>
        Cancel
      </button>
    </div>
  ) : null;

  const [leftCase, rightCase] = [sides.left.document.caseId, sides.right.document.caseId];
  const dialog =
    from && to ? (
      <LinkDialog
        ends={[chosen(from), chosen(to)]}
        relations={props.relations}
        crossesCases={leftCase === null || rightCase === null || leftCase !== rightCase}
        onCancel={() => setTo(null)}
        onSave={({ relation, comment, visibility }) => {
          const end = ({ side, passage }: { side: Side; passage: Passage }): LinkEnd => {
            const s = sides[side];
            return endOfPassage({ id: s.document.id, version: s.document.version, text: s.text }, passage, blockAtOffset(s.blocks, passage.start)?.number);
          };
          if (!links.create({ id: crypto.randomUUID(), relation, comment, ends: [end(from), end(to)] }, visibility)) {
            return 'The course’s links have not arrived yet. Try again in a moment.';
          }
          clear();
          return null;
        }}
      />
    ) : null;

  /** The source and ¶ of a link's end: the ¶ is known for the two sources on screen. */
  const describe = (end: LinkEnd): BadgeTarget => {
    const side = SIDES.find((s) => sides[s].document.id === end.source);
    if (!side) return { title: props.sources.find((s) => s.id === end.source)?.title ?? 'another source', block: linkedBlock(end) };
    const s = sides[side];
    const anchor = anchorOfEnd(s.text, s.document.version, end);
    return { title: s.document.title, block: anchor ? (blockAtOffset(s.blocks, anchor.start)?.number ?? null) : null };
  };

  const badgesFor = (side: Side, views: LinkView[], discuss: (view: LinkView) => void, spotlight?: (view: LinkView) => void) => ({
    links: views,
    actions: {
      me: props.me.id,
      isInstructor: props.isInstructor,
      remove: links.remove,
      setHidden: links.setHidden,
      reattachEnd: links.reattachEnd,
      update: links.update,
      relations: props.relations,
      addToMatrix: (view: LinkView) => cite({ kind: 'link', authorId: view.link.authorId, id: view.link.id, target: view.link.target }),
      discuss,
      spotlight,
    },
    describe,
    hrefFor(view: LinkView, mine: 0 | 1, here: { number: number }) {
      const far = view.link.target[mine === 0 ? 1 : 0];
      const pair = side === 'left' ? `left=${sides[side].document.id}&right=${far.source}` : `left=${far.source}&right=${sides[side].document.id}`;
      return `/c/${courseId}/compare?${pair}#${side}-b${here.number},${other(side)}-o${far.selector[0].start}`;
    },
    follow(view: LinkView, mine: 0 | 1) {
      const far = view.link.target[mine === 0 ? 1 : 0];
      const target = other(side);
      const s = sides[target];
      const root = roots[target].current;
      if (s.document.id !== far.source || !root) return false;
      const anchor = anchorOfEnd(s.text, s.document.version, far);
      const block = anchor ? blockHolding(root, anchor.start) : null;
      if (!block) return false;
      const mineRoot = roots[side].current;
      const mineAnchor = anchorOfEnd(sides[side].text, sides[side].document.version, view.link.target[mine]);
      const mineBlock = mineRoot && mineAnchor ? blockHolding(mineRoot, mineAnchor.start) : null;
      if (mineRoot && mineBlock) {
        for (const marked of mineRoot.querySelectorAll('.block.marked')) marked.classList.remove('marked');
        mineBlock.classList.add('marked');
      }
      show(target);
      requestAnimationFrame(() => showBlock(root, block));
      return true;
    },
  });

  return { forSide, banner, dialog, badgesFor, describe };
}

/** A URL's `thread` (a notification's link, a board thread's) opens that link's discussion once its room is here. */
function useThreadFromUrl(views: readonly LinkView[], open: (key: string) => void) {
  const done = useRef(false);
  useEffect(() => {
    if (done.current) return;
    const wanted = new URLSearchParams(window.location.search).get('thread');
    if (!wanted) return void (done.current = true);
    if (views.some((v) => v.key === wanted && !v.fromPage)) {
      done.current = true;
      open(wanted);
    }
  }, [views, open]);
}

/**
 * On a phone the sides are tabs that scroll with the window: each tab keeps its own place (the window's
 * scroll) across switches. A link that places only the right side opens on the right tab.
 */
function usePhoneTabs(shown: Side, setShown: (side: Side) => void) {
  const kept = useRef<Record<Side, number | null>>({ left: null, right: null });
  const switched = useRef(false);
  useEffect(() => {
    const placed = { ...parseSidePositions(window.location.hash, 'o'), ...parseSidePositions(window.location.hash) };
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
  const fit = useCallback(() => {
    const el = ref.current;
    if (el) el.style.setProperty('--sides-top', `${el.getBoundingClientRect().top + window.scrollY}px`);
  }, [ref]);
  // After every render too: what stands above the sides (the linking banner) comes and goes.
  useLayoutEffect(fit);
  useEffect(() => {
    window.addEventListener('resize', fit);
    return () => window.removeEventListener('resize', fit);
  }, [fit]);
}
