-- Corrections members suggest to a source's text (docs/versions.md): a passage of the version they read,
-- what it should say and why; instructors accept (publishing a new version) or reject with a reason.
CREATE TABLE corrections (
  id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  course_id         uuid NOT NULL REFERENCES courses (id) ON DELETE CASCADE,
  document_id       uuid NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  -- The passage as read: its version, and its W3C selectors (position and quote with context).
  version           integer NOT NULL,
  selectors         jsonb NOT NULL,
  quote             text NOT NULL,
  proposed          text NOT NULL,
  reason            text NOT NULL DEFAULT '',
  proposer_id       uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  status            text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'accepted', 'rejected')),
  decided_by        uuid REFERENCES users (id) ON DELETE SET NULL,
  decided_at        timestamptz,
  -- Rejected: why. Accepted: the text as accepted (an instructor may edit it first) and the version it made.
  decision_reason   text NOT NULL DEFAULT '',
  accepted_text     text,
  published_version integer,
  created_at        timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX corrections_queue_idx ON corrections (course_id, document_id, status, created_at);
CREATE INDEX corrections_proposer_idx ON corrections (proposer_id, document_id, status);

ALTER TABLE notifications DROP CONSTRAINT notifications_kind_check;
ALTER TABLE notifications ADD CONSTRAINT notifications_kind_check
  CHECK (kind IN ('reply', 'mention', 'assignment', 'due-soon', 'moderation', 'correction'));
