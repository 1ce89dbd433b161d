-- The people index (docs/people.md): everyone the course's sources speak of, with the spellings they are
-- written in (romanisations, OCR misreadings), which search widens a name to and which the People page and
-- the reader's People marks find. Reference data of the course, like its cases: edited through forms.

-- Levenshtein distance, for suggesting OCR misreadings of a spelling (db/queries/people.ts).
CREATE EXTENSION IF NOT EXISTS fuzzystrmatch;

CREATE TABLE people (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  course_id   uuid NOT NULL REFERENCES courses (id) ON DELETE CASCADE,
  name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
  role        text NOT NULL DEFAULT '' CHECK (length(role) <= 200),
  -- The case they belong to; null: both (or every) case.
  case_id     uuid,
  created_by  uuid REFERENCES users (id) ON DELETE SET NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (course_id, case_id) REFERENCES course_cases (course_id, id) ON DELETE SET NULL (case_id)
);
CREATE INDEX people_course_idx ON people (course_id, name);
CREATE UNIQUE INDEX people_course_name_idx ON people (course_id, plenum_norm(name));

-- A person's spellings: the name itself and every variant, each also in search's normal form.
CREATE TABLE person_spellings (
  person_id   uuid NOT NULL REFERENCES people (id) ON DELETE CASCADE,
  spelling    text NOT NULL CHECK (length(spelling) BETWEEN 1 AND 120),
  norm        text NOT NULL CHECK (norm <> ''),
  added_by    uuid REFERENCES users (id) ON DELETE SET NULL,
  -- (clock_timestamp: spellings added together keep their order)
  added_at    timestamptz NOT NULL DEFAULT clock_timestamp(),
  PRIMARY KEY (person_id, norm)
);
CREATE INDEX person_spellings_norm_idx ON person_spellings (norm);

-- Suggested spellings a member rejected (not suggested again).
CREATE TABLE person_rejected_spellings (
  person_id   uuid NOT NULL REFERENCES people (id) ON DELETE CASCADE,
  norm        text NOT NULL,
  rejected_by uuid REFERENCES users (id) ON DELETE SET NULL,
  rejected_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (person_id, norm)
);

-- Whether students may add people and spellings (instructors always may).
ALTER TABLE courses ADD COLUMN students_edit_people boolean NOT NULL DEFAULT true;

-- A word an OCR or a typist broke with a hyphen ("Valen-kov") is also a word of its own, joined ("valenkov",
-- `parts` 'valen kov'): what a misspelt name is matched against, and searched as the phrase of its parts.
ALTER TABLE document_words ADD COLUMN parts text NOT NULL DEFAULT '';
ALTER TABLE document_words DROP CONSTRAINT document_words_pkey;
ALTER TABLE document_words ADD PRIMARY KEY (version_id, word, parts);
-- Every version is indexed again at start (lib/search/source-index.server.ts), with its joined words.
UPDATE document_blocks SET body = NULL;
DELETE FROM document_words;
