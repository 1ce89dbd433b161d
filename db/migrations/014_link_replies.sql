-- Replies to the class's evidence links, projected from each course's compare room
-- (server/sync/projections/link-replies.ts): derived data, rebuilt from the rooms by `npm run rebuild`.
CREATE TABLE link_replies (
  room            text NOT NULL,
  author_id       uuid NOT NULL,
  id              text NOT NULL,
  course_id       uuid NOT NULL,
  link_author_id  uuid NOT NULL,
  link_id         text NOT NULL,
  body            text NOT NULL,
  created_at      timestamptz NOT NULL,
  updated_at      timestamptz NOT NULL,
  hidden          boolean NOT NULL DEFAULT false,
  hidden_reason   text,
  deleted         boolean NOT NULL DEFAULT false,
  PRIMARY KEY (room, author_id, id)
);
CREATE INDEX link_replies_link_idx ON link_replies (course_id, link_author_id, link_id);
CREATE INDEX link_replies_author_idx ON link_replies (author_id);
