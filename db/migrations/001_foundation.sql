-- Accounts, sessions, courses, and the source library.

CREATE TABLE users (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  email         text NOT NULL,
  display_name  text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 80),
  password_hash text NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX users_email_key ON users (lower(email));

-- Lucia's session design: the cookie holds "<id>.<secret>"; only SHA-256(secret) is stored.
CREATE TABLE sessions (
  id               text PRIMARY KEY,
  user_id          uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  secret_hash      bytea NOT NULL,
  created_at       timestamptz NOT NULL DEFAULT now(),
  last_verified_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX sessions_user_id_idx ON sessions (user_id);

-- Failed sign-in attempts, counted per account and per address over a sliding window.
CREATE TABLE sign_in_failures (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  email       text NOT NULL,
  address     text NOT NULL,
  failed_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX sign_in_failures_email_idx ON sign_in_failures (lower(email), failed_at);
CREATE INDEX sign_in_failures_address_idx ON sign_in_failures (address, failed_at);

CREATE TABLE courses (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  title       text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  term        text NOT NULL CHECK (length(term) BETWEEN 1 AND 80),
  join_code   text NOT NULL UNIQUE,
  created_by  uuid NOT NULL REFERENCES users (id),
  created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE memberships (
  course_id  uuid NOT NULL REFERENCES courses (id) ON DELETE CASCADE,
  user_id    uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  role       text NOT NULL CHECK (role IN ('instructor', 'student')),
  joined_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (course_id, user_id)
);
CREATE INDEX memberships_user_id_idx ON memberships (user_id);

-- The two cases the seminar compares.
CREATE TABLE cases (
  key      text PRIMARY KEY,
  title    text NOT NULL,
  summary  text NOT NULL DEFAULT ''
);

CREATE TABLE documents (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  slug        text NOT NULL UNIQUE,
  title       text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
  case_key    text NOT NULL CHECK (case_key IN ('soviet-1957', 'dprk-1956', 'both')),
  kind        text NOT NULL CHECK (kind IN ('primary', 'secondary')),
  genre       text NOT NULL DEFAULT '',
  -- ISO date, year-month or year; NULL when unknown.
  date        text CHECK (date ~ '^\d{4}(-\d{2}(-\d{2})?)?$'),
  origin      text NOT NULL DEFAULT '',
  text_note   text NOT NULL DEFAULT '',
  created_by  uuid REFERENCES users (id),
  created_at  timestamptz NOT NULL DEFAULT now()
);

-- Each import of a document's text is a new, immutable version; annotations anchor into one.
CREATE TABLE document_versions (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  document_id  uuid NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  version      integer NOT NULL CHECK (version >= 1),
  body         text NOT NULL,
  sha256       text NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  UNIQUE (document_id, version)
);

-- Blocks are [start_offset, end_offset) ranges of the version's body, in UTF-16 code units (JS string offsets).
CREATE TABLE document_blocks (
  version_id    uuid NOT NULL REFERENCES document_versions (id) ON DELETE CASCADE,
  number        integer NOT NULL CHECK (number >= 1),
  kind          text NOT NULL CHECK (kind IN ('heading', 'paragraph', 'note', 'furniture')),
  start_offset  integer NOT NULL,
  end_offset    integer NOT NULL CHECK (end_offset > start_offset),
  PRIMARY KEY (version_id, number)
);

CREATE TABLE course_documents (
  course_id    uuid NOT NULL REFERENCES courses (id) ON DELETE CASCADE,
  document_id  uuid NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  position     integer NOT NULL,
  added_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (course_id, document_id)
);
