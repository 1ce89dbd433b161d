/**
 * The buttons beside a selection in the reader: annotate, discuss, link, cite in the matrix, add to
 * the timeline, suggest a correction, spotlight it in a seminar, mark its paragraph (question, agree, disagree); or, while something is being re-attached, only "Attach here".
 */
import { ReactionToggles } from '~/components/reactions/reactions';
import { excerpt } from '~/lib/board/links';
import type { Reattaching } from './reattach';
import { selectionTop, type SelectedPassage } from './use-selection-tool';
import { ANNOTATE_SHORTCUT, LINK_SHORTCUT } from './use-passage-shortcut';

type Passage = { start: number; end: number };

export function SelectionTools(props: {
  selection: SelectedPassage;
  textElement: HTMLElement | null;
  /** What is being re-attached, if anything: the selection is its new passage. */
  reattaching: Reattaching | null;
  onAttach(passage: Passage): void;
  onAnnotate(passage: Passage): void;
  discussHref: string;
  linking?: { label: string; onPassage(passage: Passage): void };
  onAddToMatrix?(passage: Passage): void;
  onAddToTimeline?(passage: Passage): void;
  onSuggestCorrection?(passage: Passage): void;
  onSpotlight?(passage: Passage): void;
  /** The paragraph the selection starts in, which the reader may mark (question, agree, disagree). */
  paragraph?: { version: number; number: number };
}) {
  const { selection } = props;
  // (mousedown would take the selection away before the click)
  const keep = (e: React.MouseEvent) => e.preventDefault();
  return (
    <div className="selection-tools" style={{ top: selectionTop(props.textElement, selection) }}>
      {props.reattaching ? (
        <button type="button" className="annotate-button small" onMouseDown={keep} onClick={() => props.onAttach(selection)}>
          Attach “{excerpt(props.reattaching.quote, 30)}” here
        </button>
      ) : (
        <>
          <button type="button" className="annotate-button small" onMouseDown={keep} onClick={() => props.onAnnotate(selection)}>
            Annotate <kbd>{ANNOTATE_SHORTCUT.label}</kbd>
          </button>
          <a className="button small secondary" href={props.discussHref}>
            Discuss
          </a>
          {props.linking ? (
            <button type="button" className="small secondary link-button" onMouseDown={keep} onClick={() => props.linking!.onPassage(selection)}>
              {props.linking.label} <kbd>{LINK_SHORTCUT.label}</kbd>
            </button>
          ) : null}
          {props.onAddToMatrix ? (
            <button type="button" className="small secondary matrix-button" onMouseDown={keep} onClick={() => props.onAddToMatrix!(selection)}>
              Add to matrix…
            </button>
          ) : null}
          {props.onAddToTimeline ? (
            <button type="button" className="small secondary timeline-button" onMouseDown={keep} onClick={() => props.onAddToTimeline!(selection)}>
              Add to timeline…
            </button>
          ) : null}
          {props.onSpotlight ? (
            <button type="button" className="small spotlight-button" onMouseDown={keep} onClick={() => props.onSpotlight!(selection)}>
              Spotlight
            </button>
          ) : null}
          {props.paragraph ? <ReactionToggles target={{ type: 'paragraph', ...props.paragraph }} label={`Mark ¶ ${props.paragraph.number}`} /> : null}
          {props.onSuggestCorrection ? (
            <button type="button" className="small secondary correction-button" onMouseDown={keep} onClick={() => props.onSuggestCorrection!(selection)}>
              Suggest a correction…
            </button>
          ) : null}
        </>
      )}
    </div>
  );
}
