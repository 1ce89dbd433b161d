-- The relations a course's evidence links may name; its instructors edit the list.
ALTER TABLE courses ADD COLUMN link_relations text[] NOT NULL
  DEFAULT ARRAY['parallels', 'contrasts with', 'responds to', 'contradicts', 'context for'];

-- Evidence links, projected from the compare rooms (server/sync/projections/links.ts): derived data,
-- rebuilt from the rooms by `npm run rebuild`. A link whose ends or relation the course does not have
-- is never a row. `ends` is the link's two targets as stored (W3C selectors); each end's source, ¶ and
-- quote are columns too, for citing and for finding a source's links.
CREATE TABLE evidence_links (
  room           text NOT NULL,
  author_id      uuid NOT NULL,
  id             text NOT NULL,
  course_id      uuid NOT NULL,
  visibility     text NOT NULL CHECK (visibility IN ('class', 'private')),
  relation       text NOT NULL,
  comment        text NOT NULL,
  ends           jsonb NOT NULL,
  source_a       uuid NOT NULL,
  block_a        integer NOT NULL,
  quote_a        text NOT NULL,
  source_b       uuid NOT NULL,
  block_b        integer NOT NULL,
  quote_b        text NOT NULL,
  created_at     timestamptz NOT NULL,
  updated_at     timestamptz NOT NULL,
  hidden         boolean NOT NULL DEFAULT false,
  hidden_reason  text,
  deleted        boolean NOT NULL DEFAULT false,
  PRIMARY KEY (room, author_id, id)
);
CREATE INDEX evidence_links_source_a_idx ON evidence_links (course_id, source_a);
CREATE INDEX evidence_links_source_b_idx ON evidence_links (course_id, source_b);
CREATE INDEX evidence_links_author_idx ON evidence_links (author_id);
