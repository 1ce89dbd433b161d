-- Margin notes and replies, projected from the rooms by the server (server/sync/projection.ts).
-- Derived data: `npm run notes:rebuild` recreates it from the rooms at any time.
CREATE TABLE notes (
  room              text NOT NULL,
  author_id         uuid NOT NULL,
  id                text NOT NULL,
  course_id         uuid NOT NULL,
  document_id       uuid NOT NULL,
  visibility        text NOT NULL CHECK (visibility IN ('class', 'private', 'staff')),
  kind              text NOT NULL CHECK (kind IN ('note', 'reply')),
  parent_id         text,
  parent_author_id  uuid,
  quote             text,
  selectors         jsonb,
  document_version  integer NOT NULL,
  body              text NOT NULL,
  tags              text[] NOT NULL DEFAULT '{}',
  created_at        timestamptz NOT NULL,
  updated_at        timestamptz NOT NULL,
  hidden            boolean NOT NULL DEFAULT false,
  hidden_reason     text,
  deleted           boolean NOT NULL DEFAULT false,
  PRIMARY KEY (room, author_id, id)
);
CREATE INDEX notes_course_document_idx ON notes (course_id, document_id);
CREATE INDEX notes_author_idx ON notes (author_id);
