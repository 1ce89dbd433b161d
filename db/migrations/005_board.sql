-- The course board's posts, projected from the `board:<course>` rooms (server/sync/projection.ts):
-- derived data, rebuilt from the rooms by `npm run notes:rebuild`.
CREATE TABLE board_posts (
  room              text NOT NULL,
  author_id         uuid NOT NULL,
  id                text NOT NULL,
  course_id         uuid NOT NULL,
  kind              text NOT NULL CHECK (kind IN ('thread', 'reply')),
  thread_id         text,
  thread_author_id  uuid,
  parent_id         text,
  parent_author_id  uuid,
  title             text NOT NULL,
  body              text NOT NULL,
  link              text,
  created_at        timestamptz NOT NULL,
  updated_at        timestamptz NOT NULL,
  hidden            boolean NOT NULL DEFAULT false,
  deleted           boolean NOT NULL DEFAULT false,
  PRIMARY KEY (room, author_id, id)
);
CREATE INDEX board_posts_course_idx ON board_posts (course_id, created_at);

-- When each member last read each thread: the board's unread markers.
CREATE TABLE board_reads (
  course_id   uuid NOT NULL REFERENCES courses (id) ON DELETE CASCADE,
  user_id     uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  thread_key  text NOT NULL,
  read_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (course_id, user_id, thread_key)
);
