/** A member's name as cards, replies, posts and presence show it: instructors marked, so a namesake cannot pass for one. */
export function AuthorName({ name, instructor }: { name: string; instructor: boolean }) {
  return (
    <>
      <strong className="author">{name}</strong>
      {instructor ? <span className="role-badge">Instructor</span> : null}
    </>
  );
}
