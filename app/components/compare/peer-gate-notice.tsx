/** Tells a student behind a closed peer gate why classmates' work is not shown, and how to see it. */
import { Link } from '@remix-run/react';

export function PeerGateNotice(props: { courseId: string; gates: readonly { assignmentId: string; title: string; needed: number; made: number }[] }) {
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
