-- Emails are stored canonical (Unicode NFKC, then lower-cased, by db/queries/users.ts) and found by
-- equality: one lower-casing everywhere, JavaScript's, rather than JavaScript's for counting failed
-- sign-ins and PostgreSQL's lower() for finding the account ("kİwi@" was counted apart from
-- "kiwi@" yet signed in to it).
UPDATE users SET email = lower(email) WHERE email <> lower(email);
DROP INDEX users_email_key;
CREATE UNIQUE INDEX users_email_key ON users (email);

-- Failures are now throttled per account and address (db/queries/sign-in-failures.ts).
DELETE FROM sign_in_failures;
DROP INDEX sign_in_failures_email_idx;
CREATE INDEX sign_in_failures_email_idx ON sign_in_failures (email, address, failed_at);
