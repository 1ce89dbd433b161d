/** Tells a student behind a closed peer gate why classmates' work is not shown, and how to see it; gone once the gate opens. */
import { Link, useRevalidator } from '@remix-run/react';
import { useEffect } from 'react';
import { VIEW_CHANGED } from '~/lib/notes/use-room';

export function PeerGateNotice(props: { courseId: string; gates: readonly { assignmentId: string; title: string; needed: number; made: number }[] }) {
  // When a gate opens (or closes) the rooms resync by themselves; the page's own data, this notice with it, is read again.
  const { revalidate } = useRevalidator();
  useEffect(() => {
    window.addEventListener(VIEW_CHANGED, revalidate);
    return () => window.removeEventListener(VIEW_CHANGED, revalidate);
  }, [revalidate]);
  if (props.gates.length === 0) return null;
  const gate = props.gates[0]!;
  const links = (n: number) => `${n} evidence link${n === 1 ? '' : 's'}`;
  return (
    <p className="peer-gate-notice" role="note">
      <strong>Compare first, then see the class.</strong> For <Link to={`/c/${props.courseId}/assignments/${gate.assignmentId}`}>{gate.title}</Link>, your classmates’ notes and
      links appear once you have made {links(gate.needed)} joining the two cases (you have {gate.made}). Until then you see your own work and your instructors’.{' '}
      <Link to={`/c/${props.courseId}/compare`}>Open the compare view</Link>
    </p>
  );
}
