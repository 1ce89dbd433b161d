/**
 * An evidence link's badge on each paragraph it joins ("↔ parallels · Mikoyan cable ¶ 14"), in the
 * single reader and on each side of the compare view. A badge sits at the end of its paragraph, outside
 * the paragraph's text (`.block-text` holds only the source's own characters, which offsets count), put
 * there through a portal: the source's markup is not React's (components/source-text.tsx).
 */
import { Fragment, memo, useEffect, useLayoutEffect, useMemo, useRef, useState, type RefObject } from 'react';
import { ConfirmDialog } from '~/components/confirm-dialog';
import { HideDialog } from '~/components/hide-dialog';
import { EditLinkDialog } from './edit-link-dialog';
import { replyCount } from './link-thread';
import { createPortal } from 'react-dom';
import { anchorOfEnd, blockAtOffset } from '~/lib/compare/link-anchors';
import type { LinkEnd } from '~/lib/compare/links';
import type { SourceBlock } from '~/lib/source-html';
import type { LinkView } from './use-course-links';

/** A source's title short enough for a badge (the whole title is the badge's tooltip and label). */
const shortTitle = (title: string) => (title.length > 32 ? `${title.slice(0, 30).trimEnd()}…` : title);

export interface BadgeTarget {
  /** The other end's source, as the badge names it. */
  title: string;
  /** Its ¶, where this page knows it. */
  block: number | null;
}

export interface LinkBadgesProps {
  textRef: RefObject<HTMLElement>;
  scope: string;
  documentId: string;
  documentVersion: number;
  text: string;
  blocks: readonly SourceBlock[];
  links: readonly LinkView[];
  /** The source and ¶ of a link's other end. */
  describe(end: LinkEnd): BadgeTarget;
  /** Where following a badge goes (the compare view with both passages in view). */
  hrefFor(view: LinkView, mine: 0 | 1, here: SourceBlock): string;
  /** Follows a badge without leaving the page, where the page can (the compare view): true if it did. */
  follow?(view: LinkView, mine: 0 | 1): boolean;
  /** Deleting one's own links, and (instructors) hiding anyone's: a small menu beside the badge. */
  actions?: LinkActions;
}

export interface LinkActions {
  me: string;
  isInstructor: boolean;
  remove(view: LinkView): void;
  setHidden(view: LinkView, hidden: boolean, reason: string): void;
  /** The author edits the relation (from the course's list) and the comment. */
  update?(view: LinkView, change: { relation: string; comment: string }): void;
  relations?: readonly string[];
  /** Cites a class link in the matrix ("Add to matrix…"): anyone may. */
  addToMatrix?(view: LinkView): void;
  /** Opens the link's discussion (link-thread.tsx): its comment and replies. */
  discuss?(view: LinkView): void;
  /** The author moves their end of a link, not found in this version, to a new passage. */
  reattachEnd?(view: LinkView, index: 0 | 1, end: LinkEnd): void;
  /** A seminar's leader spotlights a class link for everyone. */
  spotlight?(view: LinkView): void;
}

export function LinkBadges(props: LinkBadgesProps) {
  const { documentId, documentVersion, text, blocks, links } = props;
  // Where each end is, found once per end (an unchanged link keeps its objects): a busy room re-places
  // only the links that are new.
  const anchors = useRef({
    text,
    version: documentVersion,
    of: new WeakMap<LinkEnd, ReturnType<typeof anchorOfEnd>>(),
  });
  if (anchors.current.text !== text || anchors.current.version !== documentVersion) anchors.current = { text, version: documentVersion, of: new WeakMap() };
  // Each badge's paragraph: by block number, in the order the links were made.
  const byBlock = useMemo(() => {
    const placed = new Map<number, BadgeItem[]>();
    const { of } = anchors.current;
    for (const view of links) {
      view.link.target.forEach((end, i) => {
        if (end.source !== documentId) return;
        if (!of.has(end)) of.set(end, anchorOfEnd(text, documentVersion, end));
        const anchor = of.get(end);
        const block = anchor ? blockAtOffset(blocks, anchor.start) : null;
        if (!block) return;
        const list = placed.get(block.number) ?? [];
        list.push({ view, mine: i as 0 | 1, block });
        placed.set(block.number, list);
      });
    }
    return placed;
  }, [links, documentId, documentVersion, text, blocks]);

  // One container per paragraph with badges, appended after its text; gone when its badges are.
  const [containers, setContainers] = useState(new Map<number, HTMLElement>());
  const wanted = [...byBlock.keys()].sort((a, b) => a - b).join(',');
  // The text's element is the parent's: its ref is not yet set when this mounts (children's layout
  // effects come first), so badges brought with the page are placed once the page has mounted.
  const [mounted, setMounted] = useState(false);
  useEffect(() => setMounted(true), []);
  useLayoutEffect(() => {
    const root = props.textRef.current;
    if (!root) return;
    const next = new Map<number, HTMLElement>();
    for (const n of byBlock.keys()) {
      const block = root.querySelector<HTMLElement>(`#${CSS.escape(`${props.scope}b${n}`)}`);
      if (!block) continue;
      let box = block.querySelector<HTMLElement>(':scope > .link-badges');
      if (!box) {
        box = document.createElement('span');
        box.className = 'link-badges';
        block.append(box);
      }
      next.set(n, box);
    }
    for (const box of root.querySelectorAll<HTMLElement>('.block > .link-badges')) if (![...next.values()].includes(box)) box.remove();
    setContainers(next);
    // (`wanted` names the paragraphs with badges: containers change only when those do.)
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `wanted` stands for byBlock's keys
  }, [wanted, mounted, props.textRef, props.scope]);

  // A performance mark once this reader's badges are first on screen (read by npm run bench:compare).
  const painted = useRef(false);
  useEffect(() => {
    if (painted.current || containers.size === 0) return;
    painted.current = true;
    const badges = [...byBlock.values()].reduce((n, items) => n + items.length, 0);
    requestAnimationFrame(() =>
      performance.mark('plenum:link-badges-painted', {
        detail: { scope: props.scope, badges },
      }),
    );
  }, [containers, byBlock, props.scope]);

  // The one menu or dialog open: which badge's, and what.
  const [open, setOpen] = useState<OpenBadge | null>(null);
  // What the paragraphs' badges read when they render (their own props say when they must).
  const shared = useRef(props);
  shared.current = props;

  return (
    <>
      {[...byBlock].map(([n, items]) => {
        const box = containers.get(n);
        if (!box) return null;
        const here = open && items.some((item) => `${item.view.key}:${item.mine}` === open.key) ? open : null;
        return createPortal(<ParagraphBadges items={items} open={here} setOpen={setOpen} shared={shared} />, box, `badges-${n}`);
      })}
    </>
  );
}

type BadgeItem = { view: LinkView; mine: 0 | 1; block: SourceBlock };
type OpenBadge = { key: string; what: 'menu' | 'delete' | 'hide' | 'edit' };

/**
 * The badges of one paragraph. Rendered again only when its links or its open menu change: with a
 * class adding links every second, the other paragraphs' hundreds of badges are left alone.
 */
const ParagraphBadges = memo(
  function ParagraphBadges({
    items,
    open,
    setOpen,
    shared,
  }: {
    items: BadgeItem[];
    open: OpenBadge | null;
    setOpen(open: OpenBadge | null): void;
    shared: RefObject<LinkBadgesProps>;
  }) {
    const props = shared.current!;
    const { actions } = props;
    const mayCite = (view: LinkView) => actions?.addToMatrix !== undefined && view.visibility === 'class' && !view.flag?.hidden;
    const mayAct = (view: LinkView) =>
      actions !== undefined &&
      !view.fromPage &&
      (actions.discuss !== undefined || view.link.authorId === actions.me || (actions.isInstructor && view.visibility === 'class') || mayCite(view));
    return (
      <>
        {items.map(({ view, mine, block }) => {
          const other = props.describe(view.link.target[mine === 0 ? 1 : 0]);
          const relation = view.link.body[0].value;
          const replies = view.replies.length > 0 ? ` · ${replyCount(view.replies.length).toLowerCase()}` : '';
          const label = `${relation} · ${shortTitle(other.title)}${other.block ? ` ¶\u00a0${other.block}` : ''}${replies}`;
          const badgeKey = `${view.key}:${mine}`;
          const state = open?.key === badgeKey ? open.what : null;
          return (
            <Fragment key={badgeKey}>
              <a
                className={`link-badge${view.visibility === 'private' ? ' private' : ''}${view.flag?.hidden ? ' hidden-link' : ''}`}
                href={props.hrefFor(view, mine, block)}
                title={`${relation} · ${other.title} — ${view.link.body[1].value ? `${view.authorName}: ${view.link.body[1].value}` : `linked by ${view.authorName}`}${
                  view.flag?.hidden ? ` (hidden from students${view.flag.reason ? `: ${view.flag.reason}` : ''})` : ''
                }`}
                aria-label={`Evidence link: ${relation} · ${other.title}${other.block ? ` ¶ ${other.block}` : ''}, by ${view.authorName}${
                  view.visibility === 'private' ? ' (only you)' : ''
                }${replies ? `, ${replyCount(view.replies.length).toLowerCase()}` : ''}`}
                data-link={view.key}
                onClick={(e) => {
                  if (props.follow?.(view, mine)) e.preventDefault();
                }}
              >
                <span aria-hidden="true">↔ </span>
                {label}
              </a>
              {mayAct(view) ? (
                <button
                  type="button"
                  className="link-badge-menu"
                  aria-label={`Actions for the link “${relation} · ${other.title}”`}
                  aria-expanded={state === 'menu'}
                  onClick={() => setOpen(state === 'menu' ? null : { key: badgeKey, what: 'menu' })}
                >
                  ⋯
                </button>
              ) : null}
              {state === 'menu' ? (
                <span className="link-menu" role="group" aria-label="Link actions">
                  {actions!.discuss ? (
                    <button type="button" className="small secondary" onClick={() => (actions!.discuss!(view), setOpen(null))}>
                      {view.replies.length > 0 ? `Discussion (${view.replies.length})…` : 'Discussion…'}
                    </button>
                  ) : null}
                  {actions!.spotlight && view.visibility === 'class' && !view.flag?.hidden ? (
                    <button type="button" className="small spotlight-button" onClick={() => (actions!.spotlight!(view), setOpen(null))}>
                      Spotlight
                    </button>
                  ) : null}
                  {mayCite(view) ? (
                    <button type="button" className="small secondary" onClick={() => (actions!.addToMatrix!(view), setOpen(null))}>
                      Add to matrix…
                    </button>
                  ) : null}
                  {view.link.authorId === actions!.me && actions!.update ? (
                    <button type="button" className="small secondary" onClick={() => setOpen({ key: badgeKey, what: 'edit' })}>
                      Edit link…
                    </button>
                  ) : null}
                  {view.link.authorId === actions!.me ? (
                    <button type="button" className="small danger" onClick={() => setOpen({ key: badgeKey, what: 'delete' })}>
                      Delete link
                    </button>
                  ) : null}
                  {actions!.isInstructor && view.visibility === 'class' ? (
                    view.flag?.hidden ? (
                      <button type="button" className="small secondary" onClick={() => (actions!.setHidden(view, false, ''), setOpen(null))}>
                        Show again
                      </button>
                    ) : (
                      <button type="button" className="small secondary" onClick={() => setOpen({ key: badgeKey, what: 'hide' })}>
                        Hide from students
                      </button>
                    )
                  ) : null}
                </span>
              ) : null}
              {state === 'delete' ? (
                <ConfirmDialog title="Delete this link?" confirmLabel="Delete" danger onConfirm={() => (actions!.remove(view), setOpen(null))} onCancel={() => setOpen(null)}>
                  <p>
                    “{relation}” between this passage and {other.title}
                    {other.block ? ` ¶ ${other.block}` : ''} goes from both sources, for everyone who sees it.
                  </p>
                </ConfirmDialog>
              ) : null}
              {state === 'edit' ? (
                <EditLinkDialog
                  view={view}
                  relations={actions!.relations ?? [relation]}
                  onSave={(change) => (actions!.update!(view, change), setOpen(null))}
                  onCancel={() => setOpen(null)}
                />
              ) : null}
              {state === 'hide' ? (
                <HideDialog
                  what="link"
                  explanation="Students no longer see it, on either source. Its author still does, with your reason."
                  onHide={(reason) => (actions!.setHidden(view, true, reason), setOpen(null))}
                  onCancel={() => setOpen(null)}
                />
              ) : null}
            </Fragment>
          );
        })}
      </>
    );
  },
  (a, b) => a.open === b.open && a.items.length === b.items.length && a.items.every((item, i) => item.view === b.items[i]!.view && item.mine === b.items[i]!.mine),
);
