/** What a link says, as both link dialogs ask for it: how the passages relate, and a comment. */
export function LinkFields(props: {
  id: string;
  relations: readonly string[];
  relation: string;
  onRelation(relation: string): void;
  comment: string;
  onComment(comment: string): void;
  error: string | null;
}) {
  const { id, error } = props;
  return (
    <>
      <label htmlFor={`${id}-relation`}>The first passage…</label>
      <select id={`${id}-relation`} value={props.relation} onChange={(e) => props.onRelation(e.target.value)}>
        {props.relations.map((r) => (
          <option key={r} value={r}>
            {r}
          </option>
        ))}
      </select>
      <span className="meta"> …the second</span>
      <label htmlFor={`${id}-comment`}>Comment (optional; Markdown)</label>
      <textarea
        id={`${id}-comment`}
        value={props.comment}
        onChange={(e) => props.onComment(e.target.value)}
        rows={4}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
      />
    </>
  );
}
