-- An author is told when an instructor hides their note (with the reason), and again if it is shown again.
ALTER TABLE notifications DROP CONSTRAINT notifications_kind_check;
ALTER TABLE notifications ADD CONSTRAINT notifications_kind_check
  CHECK (kind IN ('reply', 'mention', 'assignment', 'due-soon', 'moderation'));
