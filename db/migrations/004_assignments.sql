-- Reading assignments, students' written responses, and in-app notifications.

CREATE TABLE assignments (
  id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  course_id          uuid NOT NULL REFERENCES courses (id) ON DELETE CASCADE,
  title              text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  prompt             text NOT NULL CHECK (length(prompt) BETWEEN 1 AND 20000),
  -- 'compare': notes count only when they cite both cases.
  kind               text NOT NULL CHECK (kind IN ('reading', 'compare')),
  opens_at           timestamptz NOT NULL,
  due_at             timestamptz NOT NULL,
  min_notes          integer NOT NULL CHECK (min_notes BETWEEN 0 AND 50),
  min_replies        integer NOT NULL CHECK (min_replies BETWEEN 0 AND 50),
  response_required  boolean NOT NULL DEFAULT false,
  min_words          integer NOT NULL DEFAULT 0 CHECK (min_words BETWEEN 0 AND 5000),
  -- NULL while a draft, which students never see.
  published_at       timestamptz,
  -- Bumped by every edit after publication, so students can be shown that it changed.
  revision           integer NOT NULL DEFAULT 1,
  revised_at         timestamptz,
  created_by         uuid REFERENCES users (id),
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now(),
  CHECK (due_at > opens_at)
);
CREATE INDEX assignments_course_idx ON assignments (course_id, due_at);

CREATE TABLE assignment_documents (
  assignment_id  uuid NOT NULL REFERENCES assignments (id) ON DELETE CASCADE,
  document_id    uuid NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  position       integer NOT NULL,
  -- Paragraph (block) numbers the instructor points the class to.
  focus_blocks   integer[] NOT NULL DEFAULT '{}',
  PRIMARY KEY (assignment_id, document_id)
);

-- One row per student who opened an assignment: their response (autosaved), when they submitted it,
-- and the revision of the assignment they last saw.
CREATE TABLE submissions (
  assignment_id  uuid NOT NULL REFERENCES assignments (id) ON DELETE CASCADE,
  user_id        uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  response       text NOT NULL DEFAULT '',
  saved_at       timestamptz,
  submitted_at   timestamptz,
  seen_revision  integer NOT NULL DEFAULT 0,
  PRIMARY KEY (assignment_id, user_id)
);

CREATE TABLE notifications (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id     uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  course_id   uuid NOT NULL REFERENCES courses (id) ON DELETE CASCADE,
  kind        text NOT NULL CHECK (kind IN ('reply', 'mention', 'assignment', 'due-soon')),
  actor_id    uuid REFERENCES users (id) ON DELETE SET NULL,
  title       text NOT NULL,
  excerpt     text NOT NULL DEFAULT '',
  link        text NOT NULL,
  -- One notification per event: the projection may see the same reply again after a restart.
  event_key   text NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  read_at     timestamptz,
  UNIQUE (user_id, event_key)
);
CREATE INDEX notifications_unread_idx ON notifications (user_id, created_at DESC) WHERE read_at IS NULL;
