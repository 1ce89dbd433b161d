-- The comparison matrix, projected from each course's compare room (server/sync/projections/matrix.ts):
-- derived data, rebuilt from the rooms by `npm run rebuild`. Rows are the instructors' themes; entries
-- are members' claims in one row and one case's column, each citing one passage or two (a link's ends).
CREATE TABLE matrix_rows (
  room        text NOT NULL,
  author_id   uuid NOT NULL,
  id          text NOT NULL,
  course_id   uuid NOT NULL,
  title       text NOT NULL,
  prompt      text NOT NULL,
  position    double precision NOT NULL,
  locked      boolean NOT NULL,
  deleted     boolean NOT NULL,
  created_at  timestamptz NOT NULL,
  updated_at  timestamptz NOT NULL,
  PRIMARY KEY (room, author_id, id)
);
CREATE INDEX matrix_rows_course_idx ON matrix_rows (course_id, position);

CREATE TABLE matrix_entries (
  room           text NOT NULL,
  author_id      uuid NOT NULL,
  id             text NOT NULL,
  course_id      uuid NOT NULL,
  row_id         text NOT NULL,
  case_id        uuid NOT NULL,
  claim          text NOT NULL,
  -- 'passage', 'note' or 'link'; for the last two, which note or link (ref_author_id, ref_id).
  kind           text NOT NULL CHECK (kind IN ('passage', 'note', 'link')),
  ref_author_id  uuid,
  ref_id         text,
  evidence       jsonb NOT NULL,
  source_a       uuid NOT NULL,
  block_a        integer NOT NULL,
  quote_a        text NOT NULL,
  source_b       uuid,
  block_b        integer,
  quote_b        text,
  created_at     timestamptz NOT NULL,
  updated_at     timestamptz NOT NULL,
  hidden         boolean NOT NULL DEFAULT false,
  hidden_reason  text,
  deleted        boolean NOT NULL DEFAULT false,
  PRIMARY KEY (room, author_id, id)
);
CREATE INDEX matrix_entries_course_idx ON matrix_entries (course_id, row_id);
CREATE INDEX matrix_entries_author_idx ON matrix_entries (author_id);

-- A compare assignment can ask for matrix entries, in at least two of the cases' columns (docs/seminar.md).
ALTER TABLE assignments ADD COLUMN min_matrix_entries integer NOT NULL DEFAULT 0 CHECK (min_matrix_entries >= 0);
