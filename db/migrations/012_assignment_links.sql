-- A compare assignment can ask for evidence links that join passages of two cases (docs/seminar.md).
ALTER TABLE assignments ADD COLUMN min_links integer NOT NULL DEFAULT 0 CHECK (min_links >= 0);
