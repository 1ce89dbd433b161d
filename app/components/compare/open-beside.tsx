/**
 * "Open beside…" in the single reader: this source on the left, another on the right, in the compare
 * view. The reader's place comes along: the ¶ at the top of the screen when they were last reading
 * (this form sits above the text, so using it usually means scrolling up to it first). A plain GET
 * form underneath, so it works before the page's scripts have loaded.
 */
import { Form, useNavigate } from '@remix-run/react';
import { useEffect, useRef } from 'react';
import { caseLabel, type CourseCase } from '~/lib/cases';
import type { PickableSource } from './source-pair-picker';

/** The ¶ number of the first block of the page's (single) reader still on screen. */
function blockOnScreen(): number | null {
  for (const block of document.querySelectorAll<HTMLElement>('.source-text > .block')) {
    if (block.getBoundingClientRect().bottom > 0) return Number(/b(\d+)$/.exec(block.id)?.[1]) || null;
  }
  return null;
}

export function OpenBeside({ courseId, documentId, sources, cases }: { courseId: string; documentId: string; sources: PickableSource[]; cases: CourseCase[] }) {
  const navigate = useNavigate();
  const form = useRef<HTMLFormElement>(null);
  const lastRead = useRef<number | null>(null);
  useEffect(() => {
    let frame = 0;
    const onScroll = () => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => {
        // Reading: this form (above the text) is off screen.
        if (form.current && form.current.getBoundingClientRect().bottom < 0) lastRead.current = blockOnScreen();
      });
    };
    window.addEventListener('scroll', onScroll, { passive: true });
    return () => {
      cancelAnimationFrame(frame);
      window.removeEventListener('scroll', onScroll);
    };
  }, []);
  const others = sources.filter((s) => s.id !== documentId);
  if (others.length === 0) return null;
  return (
    <Form
      method="get"
      action={`/c/${courseId}/compare`}
      className="open-beside"
      ref={form}
      onSubmit={(e) => {
        e.preventDefault();
        const right = new FormData(e.currentTarget).get('right');
        const inView = form.current!.getBoundingClientRect().bottom >= 0;
        const at = inView ? lastRead.current : blockOnScreen();
        navigate(`/c/${courseId}/compare?left=${documentId}&right=${right}${at ? `#left-b${at}` : ''}`);
      }}
    >
      <input type="hidden" name="left" value={documentId} />
      <label htmlFor="open-beside">Open beside</label>
      <select id="open-beside" name="right" defaultValue={others[0]!.id}>
        {others.map((s) => (
          <option key={s.id} value={s.id}>
            {s.title} ({caseLabel(cases, s.caseId)})
          </option>
        ))}
      </select>
      <button type="submit" className="small secondary">
        Open side by side
      </button>
    </Form>
  );
}
