-- Seminar mode (docs/seminar-mode.md): a live session an instructor leads on a source (or two, in the
-- compare view). What moves during it (the leader's position, who follows) is presence in the course's
-- seminar room; what is kept (the session, who joined, the spotlights, the questions) is here.
CREATE TABLE seminars (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  course_id     uuid NOT NULL REFERENCES courses (id) ON DELETE CASCADE,
  document_id   uuid NOT NULL REFERENCES documents (id),
  -- The compare view's second source, when the seminar is led there.
  compare_with  uuid REFERENCES documents (id),
  led_by        uuid REFERENCES users (id) ON DELETE SET NULL,
  started_at    timestamptz NOT NULL DEFAULT now(),
  ended_at      timestamptz,
  -- The board thread its record was posted as.
  posted_thread text,
  CHECK (compare_with IS NULL OR compare_with <> document_id),
  CHECK (ended_at IS NULL OR ended_at >= started_at)
);
-- At most one live seminar per course.
CREATE UNIQUE INDEX seminars_one_live_idx ON seminars (course_id) WHERE ended_at IS NULL;
CREATE INDEX seminars_course_idx ON seminars (course_id, started_at DESC);

CREATE TABLE seminar_attendance (
  seminar_id  uuid NOT NULL REFERENCES seminars (id) ON DELETE CASCADE,
  user_id     uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  joined_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (seminar_id, user_id)
);

-- Spotlights, projected from the seminar room (server/sync/projections/spotlights.ts): each spotlight, and
-- each clearing of one (target null), an instructor's entry of its own.
CREATE TABLE seminar_spotlights (
  room        text NOT NULL,
  author_id   uuid NOT NULL,
  id          text NOT NULL,
  seminar_id  uuid NOT NULL REFERENCES seminars (id) ON DELETE CASCADE,
  target      jsonb,
  label       text NOT NULL DEFAULT '',
  at          timestamptz NOT NULL,
  PRIMARY KEY (room, author_id, id)
);
CREATE INDEX seminar_spotlights_seminar_idx ON seminar_spotlights (seminar_id, at);
