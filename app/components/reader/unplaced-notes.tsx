/**
 * The top of the margin: notes whose passage is not placed in this version of the text. Orphans (not
 * found at all), and candidates to check (their words recur elsewhere, but not beside their old context,
 * reanchor.ts's `review`): both with their old quote, never dropped and never silently moved.
 */
import { NoteCard, type NoteActions } from '~/components/notes/note-card';
import type { NoteView } from '~/lib/notes/views';
import type { SourceBlock } from '~/lib/source-html';

export function UnplacedNotes(props: {
  orphans: readonly NoteView[];
  toReview: readonly NoteView[];
  blocks: readonly SourceBlock[];
  scope: string;
  me: string;
  isInstructor: boolean;
  focused: string | null;
  actions: NoteActions;
  /** Starts re-attaching one's own note: the reader's next selection is its new passage. */
  onReattach(view: NoteView): void;
}) {
  const { me, isInstructor, focused, actions } = props;
  const card = (v: NoteView) => <NoteCard view={v} me={me} isInstructor={isInstructor} focused={focused === v.key} quote={v.note.selectors?.quote.exact ?? null} actions={actions} />;
  // Its author re-attaches it, or an instructor (for the class: a member's private note is theirs alone).
  const mendable = (v: NoteView) => !v.note.deleted && (v.note.authorId === me || (isInstructor && v.visibility !== 'private'));
  const reattach = (v: NoteView) =>
    mendable(v) ? (
      <button type="button" className="small secondary" onClick={() => props.onReattach(v)}>
        Re-attach to a new selection…
      </button>
    ) : null;
  return (
    <>
      {props.orphans.length > 0 ? (
        <section aria-label="Notes whose passage was not found" className="orphans">
          <h3>Passage no longer found</h3>
          {props.orphans.map((v) => (
            <div key={v.key} className="unplaced-note">
              {card(v)}
              {reattach(v)}
            </div>
          ))}
        </section>
      ) : null}
      {props.toReview.length > 0 ? (
        <section aria-label="Notes whose passage may have moved" className="orphans">
          <h3>Passage to check</h3>
          <p className="hint">Their words occur elsewhere in this version, but not beside their old context, so they are not placed there.</p>
          {props.toReview.map((v) => {
            const at = props.blocks.find((b) => b.start <= v.anchor!.start && v.anchor!.start < b.end);
            return (
              <div key={v.key} className="unplaced-note">
                {at ? (
                  <p className="meta">
                    The words recur at <a href={`#${props.scope}b${at.number}`}>¶ {at.number}</a>.
                  </p>
                ) : null}
                {card(v)}
                {mendable(v) && at ? (
                  <button type="button" className="small" onClick={() => actions.reattach(v, v.anchor!)}>
                    Keep it at ¶ {at.number}
                  </button>
                ) : null}
                {reattach(v)}
              </div>
            );
          })}
        </section>
      ) : null}
    </>
  );
}
