-- Seminar mode's questions (docs/seminar-mode.md): sent over HTTP and kept here, never in a room, so that an
-- anonymous question's author appears in nothing the server sends a classmate (a room's entries are
-- under their author's branch, which names them).
CREATE TABLE seminar_questions (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  seminar_id   uuid NOT NULL REFERENCES seminars (id) ON DELETE CASCADE,
  author_id    uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  anonymous    boolean NOT NULL,
  body         text NOT NULL CHECK (length(body) BETWEEN 1 AND 1000),
  created_at   timestamptz NOT NULL DEFAULT now(),
  answered_at  timestamptz,
  answer       text NOT NULL DEFAULT '' CHECK (length(answer) <= 4000),
  answered_by  uuid REFERENCES users (id) ON DELETE SET NULL
);
CREATE INDEX seminar_questions_seminar_idx ON seminar_questions (seminar_id, created_at);

-- Whether instructors see who asked an anonymous question (classmates never do).
ALTER TABLE courses ADD COLUMN instructors_see_askers boolean NOT NULL DEFAULT false;
