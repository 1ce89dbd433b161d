/**
 * Each note, reply and evidence link has an address (docs/export.md): `/annotations/<author id>:<id>` answers
 * its W3C Web Annotation JSON-LD to anyone the reader would show it to, and 404 to everyone else, never
 * 403, so that ids cannot be probed. A closed peer gate counts as not shown.
 */
import type { LoaderFunctionArgs } from '@remix-run/node';
import { requireUser } from '~/lib/auth.server';
import { peerView, shows } from '~/lib/compare/peer-gate.server';
import { ANNO_CONTEXT, ANNO_PROFILE, linkAnnotation, noteAnnotation } from '~/lib/export/web-annotation';
import { isUuid } from '~/lib/rooms/ids';
import type { Role } from '../../db/queries/courses';
import { annotationFor } from '../../db/queries/export';

const NOT_FOUND = () => new Response('No such annotation.', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const [authorId, id] = (() => {
    const raw = params.id ?? '';
    const at = raw.indexOf(':');
    return at < 0 ? ['', ''] : [raw.slice(0, at), raw.slice(at + 1)];
  })();
  if (!isUuid(authorId) || id.length === 0 || id.length > 200) throw NOT_FOUND();
  const found = await annotationFor(user.id, authorId, id);
  if (!found) throw NOT_FOUND();
  const peers = await peerView(found.courseId, user.id, found.role as Role);
  if (!shows(peers, found.note ? found.note.documentId : null, authorId)) throw NOT_FOUND();
  const origin = new URL(request.url).origin;
  const annotation = found.note ? noteAnnotation(origin, found.courseId, found.note) : linkAnnotation(origin, found.courseId, found.link!);
  return new Response(JSON.stringify({ '@context': ANNO_CONTEXT, ...annotation }, null, 2), {
    headers: { 'Content-Type': ANNO_PROFILE, 'Cache-Control': 'private, no-store', Vary: 'Cookie' },
  });
}
