/**
 * Reactions in the reader (app/lib/notes/reactions.ts): the toggles on a class note's card and beside a
 * selection (for its paragraph), and the margin's list of what the class marked, sortable ("most questions
 * first"). Counts are read from the document's class room; a toggle re-renders only when its own target's
 * counts change (a store per room, read with useSyncExternalStore), so a margin of many cards stays light.
 */
import { createContext, useContext, useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import type * as Y from 'yjs';
import { countReactions, REACTION_LABEL, REACTIONS, readReactions, targetKey, toggleReaction, type ReactionCounts, type ReactionKind, type ReactionTarget } from '~/lib/notes/reactions';

class ReactionStore {
  private counts = new Map<string, ReactionCounts>();
  private listeners = new Set<() => void>();
  private frame = 0;
  constructor(
    private readonly doc: Y.Doc,
    private readonly me: string,
  ) {
    this.recount();
  }
  /** Counts again, keeping the same object for every target whose counts did not change. */
  private recount() {
    const next = countReactions(readReactions(this.doc), this.me);
    for (const [key, value] of next) {
      const old = this.counts.get(key);
      if (old && JSON.stringify(old.counts) === JSON.stringify(value.counts) && old.mine.join() === value.mine.join()) next.set(key, old);
    }
    this.counts = next;
  }
  readonly onUpdate = () => {
    cancelAnimationFrame(this.frame);
    this.frame = requestAnimationFrame(() => {
      this.recount();
      this.listeners.forEach((l) => l());
    });
  };
  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };
  get = (key: string) => this.counts.get(key);
  all = () => this.counts;
  toggle(target: ReactionTarget, kind: ReactionKind) {
    toggleReaction(this.doc, this.me, target, kind);
  }
}

const ReactionsContext = createContext<ReactionStore | null>(null);

/** The store of the document's class room (null until it arrives), counting again on every change. */
export function useReactionStore(doc: Y.Doc | null, me: string): ReactionStore | null {
  const store = useMemo(() => (doc ? new ReactionStore(doc, me) : null), [doc, me]);
  useEffect(() => {
    if (!doc || !store) return;
    doc.on('update', store.onUpdate);
    return () => doc.off('update', store.onUpdate);
  }, [doc, store]);
  return store;
}

export const ReactionsProvider = ReactionsContext.Provider;

const noop = () => () => {};
function useCounts(store: ReactionStore | null, key: string): ReactionCounts | undefined {
  return useSyncExternalStore(store?.subscribe ?? noop, () => store?.get(key), () => undefined);
}
function useAllCounts(store: ReactionStore | null): Map<string, ReactionCounts> | undefined {
  return useSyncExternalStore(store?.subscribe ?? noop, () => store?.all(), () => undefined);
}

const SYMBOL: Record<ReactionKind, string> = { question: '?', agree: '✓', disagree: '✗' };

/** The three toggles for `target`, each with its count; pressed where the reader gave it. */
export function ReactionToggles({ target, label }: { target: ReactionTarget; label: string }) {
  const store = useContext(ReactionsContext);
  const counts = useCounts(store, targetKey(target));
  if (!store) return null;
  return (
    <div className="reactions" role="group" aria-label={label}>
      {REACTIONS.map((kind) => {
        const n = counts?.counts[kind] ?? 0;
        const mine = counts?.mine.includes(kind) ?? false;
        return (
          <button
            key={kind}
            type="button"
            className={`reaction reaction-${kind}`}
            aria-pressed={mine}
            // (mousedown would take a selection away before the click)
            onMouseDown={(e) => e.preventDefault()}
            onClick={(e) => {
              e.stopPropagation();
              store.toggle(target, kind);
            }}
            title={mine ? `Take back your “${REACTION_LABEL[kind]}”` : `Mark: ${REACTION_LABEL[kind]}`}
          >
            <span aria-hidden="true">{SYMBOL[kind]}</span> {REACTION_LABEL[kind]}
            {n > 0 ? <span className="reaction-count"> {n}</span> : null}
          </button>
        );
      })}
    </div>
  );
}

type Sort = ReactionKind | 'text';

/**
 * The margin's "Marked by the class": every paragraph and note with a reaction, sorted by the chosen kind
 * (most first) or in the order of the text; each opens its place. `describe` gives a target's label and
 * position in the text (null: not on this version, or not shown to this reader).
 */
export function MarkedList(props: { describe(target: ReactionTarget): { label: string; at: number; href?: string; onOpen?(): void } | null }) {
  const store = useContext(ReactionsContext);
  const all = useAllCounts(store);
  const [sort, setSort] = useState<Sort>('question');
  const items = [...(all?.values() ?? [])]
    .map((c) => ({ ...c, place: props.describe(c.target) }))
    .filter((c): c is typeof c & { place: NonNullable<typeof c.place> } => c.place !== null && REACTIONS.some((k) => c.counts[k] > 0))
    .sort((a, b) => (sort === 'text' ? a.place.at - b.place.at : b.counts[sort] - a.counts[sort] || a.place.at - b.place.at));
  if (items.length === 0) return null;
  return (
    <details className="marked-list">
      <summary>Marked by the class ({items.length})</summary>
      <label className="marked-sort">
        Sort{' '}
        <select value={sort} onChange={(e) => setSort(e.target.value as Sort)}>
          <option value="question">most questions first</option>
          <option value="agree">most agreed first</option>
          <option value="disagree">most disagreed first</option>
          <option value="text">in the order of the text</option>
        </select>
      </label>
      <ol>
        {items.map((c) => (
          <li key={targetKey(c.target)}>
            {c.place.href ? (
              <a href={c.place.href}>{c.place.label}</a>
            ) : (
              <button type="button" className="link-button" onClick={c.place.onOpen}>
                {c.place.label}
              </button>
            )}{' '}
            <span className="marked-counts">
              {REACTIONS.filter((k) => c.counts[k] > 0)
                .map((k) => `${c.counts[k]} ${REACTION_LABEL[k].toLowerCase()}${c.counts[k] === 1 || k !== 'question' ? '' : 's'}`)
                .join(' · ')}
            </span>
          </li>
        ))}
      </ol>
    </details>
  );
}
