-- The cases a course compares are its own: its instructor names them (two or more), each with a short
-- summary and a colour. A source's case is a fact of the course that reads it (course_documents), not of
-- the source; none means the source speaks to every case of the course.
CREATE TABLE course_cases (
  id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  course_id  uuid NOT NULL REFERENCES courses (id) ON DELETE CASCADE,
  title      text NOT NULL CHECK (length(title) BETWEEN 1 AND 80),
  summary    text NOT NULL DEFAULT '' CHECK (length(summary) <= 600),
  colour     text NOT NULL CHECK (colour ~ '^#[0-9a-f]{6}$'),
  position   integer NOT NULL,
  UNIQUE (course_id, id)
);
CREATE INDEX course_cases_course_idx ON course_cases (course_id, position);

ALTER TABLE course_documents ADD COLUMN case_id uuid;
-- A source's case is one of its own course's (removing a case leaves its sources speaking to every case).
ALTER TABLE course_documents ADD CONSTRAINT course_documents_case_fkey
  FOREIGN KEY (course_id, case_id) REFERENCES course_cases (course_id, id) ON DELETE SET NULL (case_id);

-- Every course so far compared the same two cases, under these names.
INSERT INTO course_cases (course_id, title, summary, colour, position)
SELECT c.id, v.title, coalesce(k.summary, ''), v.colour, v.position
FROM courses c
CROSS JOIN (VALUES ('soviet-1957', 'Moscow, June 1957', '#9b2c2c', 1), ('dprk-1956', 'Pyongyang, 1956', '#2c6e63', 2)) AS v (key, title, colour, position)
LEFT JOIN cases k ON k.key = v.key;

UPDATE course_documents cd SET case_id = cc.id
FROM documents d, course_cases cc
WHERE d.id = cd.document_id AND cc.course_id = cd.course_id
  AND cc.title = CASE d.case_key WHEN 'soviet-1957' THEN 'Moscow, June 1957' WHEN 'dprk-1956' THEN 'Pyongyang, 1956' END;

ALTER TABLE documents DROP COLUMN case_key;
DROP TABLE cases;
