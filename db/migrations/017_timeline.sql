-- The parallel timeline (docs/timeline.md): events projected from each course's compare room
-- (server/sync/projections/timeline.ts; derived data, rebuilt from the rooms by `npm run rebuild`), and the
-- day each case's crisis began, which the "days from the crisis" alignment counts from.
ALTER TABLE course_cases ADD COLUMN crisis_date date;

CREATE TABLE timeline_events (
  room          text NOT NULL,
  author_id     uuid NOT NULL,
  id            text NOT NULL,
  course_id     uuid NOT NULL,
  label         text NOT NULL,
  start_date    date NOT NULL,
  end_date      date,
  precision     text NOT NULL CHECK (precision IN ('day', 'month', 'year')),
  -- The lane: a case of the course, or null for the shared context lane.
  case_id       uuid,
  people        uuid[] NOT NULL,
  -- The passage it was made from (a W3C target: source, version, selectors) and its ¶ then.
  target        jsonb NOT NULL,
  source        uuid NOT NULL,
  block         integer NOT NULL,
  quote         text NOT NULL,
  created_at    timestamptz NOT NULL,
  updated_at    timestamptz NOT NULL,
  hidden        boolean NOT NULL,
  hidden_reason text,
  deleted       boolean NOT NULL,
  PRIMARY KEY (room, author_id, id)
);
CREATE INDEX timeline_events_course_idx ON timeline_events (course_id, start_date);
CREATE INDEX timeline_events_source_idx ON timeline_events (source);
