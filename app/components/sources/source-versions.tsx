/**
 * A source's versions and tools in the reader's header: which version is open, the others, a notice when a
 * newer one exists (or one was just published), for instructors the way to correct the text, and `children`.
 */
import { Link, useSearchParams } from '@remix-run/react';

/** `children`: more tools for the source (its corrections, exporting, archiving), after the way to correct it. */
export function SourceVersions(props: { courseId: string; documentId: string; version: number; versions: readonly number[]; isInstructor: boolean; children?: React.ReactNode }) {
  const { version, versions } = props;
  const latest = Math.max(...versions);
  const [params] = useSearchParams();
  const published = Number(params.get('published'));
  return (
    <>
      {/* (Always: it holds the source's tools too, exporting among them for everyone.) */}
      <nav className="versions" aria-label="This source: versions and tools">
        {versions.length > 1 ? (
          <>
            Version {version} of {latest}
            {versions.map((v) =>
              v === version ? null : (
                <Link key={v} to={`?v=${v}`}>
                  {' '}
                  v{v}
                </Link>
              ),
            )}
          </>
        ) : null}
        {props.isInstructor ? (
          <Link className="new-version" to={`/c/${props.courseId}/d/${props.documentId}/revise`}>
            Correct the text (new version)…
          </Link>
        ) : null}
        {props.children}
      </nav>
      {version < latest ? (
        <p className="notice warning" role="note">
          You are reading version {version} of this text; version {latest} is newer. Notes made on either are shown where their passage is in this one.{' '}
          <Link to={`/c/${props.courseId}/d/${props.documentId}`}>Read version {latest}</Link>
        </p>
      ) : published === version ? (
        <p className="notice" role="status">
          Version {version} is published. Notes, link ends and events that could not be placed in it are listed at the top of the margin for their authors to re-attach.
        </p>
      ) : null}
    </>
  );
}

/** After following a citation of an older version's ¶ (`?cited=`): where that paragraph is now, or that it is gone. */
export function CitedNotice({ cited }: { cited: { version: number; number: number; now: number | null; removedIn: number | null; lostIn: number | null } | null }) {
  if (!cited) return null;
  if (cited.now !== null) {
    return (
      <p className="notice" role="status">
        You followed a citation of ¶ {cited.number} in version {cited.version}: that paragraph is ¶ {cited.now} in this version.
      </p>
    );
  }
  return (
    <p className="notice warning" role="status">
      {cited.removedIn !== null
        ? `¶ ${cited.number} of version ${cited.version} is not in the text since version ${cited.removedIn}`
        : `Version ${cited.lostIn} changed the text too much to say where ¶ ${cited.number} of version ${cited.version} went`}
      : it is shown here in version {cited.version}, where it was cited.
    </p>
  );
}
