-- Signing up is confirmed by email, and answers the same whether or not the address has an account
-- (so the form cannot be used to find out who has one). Mail waits in an outbox until it is sent.
CREATE TABLE signup_requests (
  token_hash    bytea PRIMARY KEY,
  email         text NOT NULL,
  display_name  text NOT NULL,
  password_hash text NOT NULL,
  redirect_to   text NOT NULL DEFAULT '/',
  created_at    timestamptz NOT NULL DEFAULT now(),
  expires_at    timestamptz NOT NULL
);
CREATE INDEX signup_requests_email_idx ON signup_requests (email, created_at DESC);

CREATE TABLE outbox (
  id         bigserial PRIMARY KEY,
  to_address text NOT NULL,
  subject    text NOT NULL,
  body       text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  sent_at    timestamptz
);
CREATE INDEX outbox_unsent_idx ON outbox (id) WHERE sent_at IS NULL;
CREATE INDEX outbox_to_idx ON outbox (to_address, created_at DESC);
