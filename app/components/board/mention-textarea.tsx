import { useRef, useState } from 'react';
import type { Member } from '~/lib/board/mentions';

/**
 * A textarea that offers classmates' names after "@": click one (or Tab/Enter on it) to insert
 * "@Name ". Typing the name out works just as well.
 */
export function MentionTextarea(props: {
  id: string;
  label: string;
  value: string;
  onChange(value: string): void;
  members: Member[];
  rows?: number;
  maxLength: number;
  onSubmitShortcut?(): void;
}) {
  const ref = useRef<HTMLTextAreaElement>(null);
  const [caret, setCaret] = useState(0);
  const before = props.value.slice(0, caret);
  const query = /(?:^|\s)@([\p{L}\p{N}_ .-]{0,30})$/u.exec(before)?.[1] ?? null;
  const suggestions =
    query === null ? [] : props.members.filter((m) => m.name.toLowerCase().startsWith(query.toLowerCase().trimStart())).slice(0, 6);

  const insert = (member: Member) => {
    const start = caret - (query?.length ?? 0);
    const next = `${props.value.slice(0, start)}${member.name} ${props.value.slice(caret)}`;
    props.onChange(next);
    const at = start + member.name.length + 1;
    requestAnimationFrame(() => {
      ref.current?.focus();
      ref.current?.setSelectionRange(at, at);
      setCaret(at);
    });
  };

  return (
    <div className="mention-field">
      <label htmlFor={props.id} className="visually-hidden">
        {props.label}
      </label>
      <textarea
        ref={ref}
        id={props.id}
        rows={props.rows ?? 4}
        value={props.value}
        maxLength={props.maxLength}
        placeholder={`${props.label} — Markdown works; @ mentions a classmate`}
        onChange={(e) => {
          props.onChange(e.target.value);
          setCaret(e.target.selectionStart);
        }}
        onSelect={(e) => setCaret(e.currentTarget.selectionStart)}
        onKeyDown={(e) => {
          if ((e.ctrlKey || e.metaKey) && e.key === 'Enter') {
            e.preventDefault();
            props.onSubmitShortcut?.();
          }
        }}
        aria-describedby={suggestions.length > 0 ? `${props.id}-mentions` : undefined}
      />
      {suggestions.length > 0 ? (
        <div id={`${props.id}-mentions`} className="mention-suggestions" aria-label="Mention">
          {suggestions.map((m) => (
            <button key={m.id} type="button" className="small secondary" onClick={() => insert(m)}>
              @{m.name}
            </button>
          ))}
        </div>
      ) : null}
    </div>
  );
}
