-- Retiring a source (docs/versions.md): an archived source is off the course home, the pickers and new
-- assignments, and its notes stay where they are; per course, since a source may be read in several.
ALTER TABLE course_documents ADD COLUMN archived_at timestamptz;
