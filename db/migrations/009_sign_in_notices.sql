-- What a session's sign-in found: wrong passwords tried on the account since its last sign-in. The
-- account page reads it from the session, not from the URL, so a link cannot fake the warning.
ALTER TABLE sessions
  ADD COLUMN failures_before  integer NOT NULL DEFAULT 0,
  ADD COLUMN failure_addresses integer NOT NULL DEFAULT 0;
