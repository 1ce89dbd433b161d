-- Search (docs/search.md): PostgreSQL full-text search over search's normal form of text, and trigram
-- similarity between the words of the sources for OCR misspellings.
CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- The normal form, as app/lib/search/normalise.ts makes it: lower case, no diacritics, a possessive's "'s" and other apostrophes dropped,
-- every other run of non-letters a space. (IMMUTABLE, for indexes: unaccent itself is only STABLE because its
-- dictionary could change; this one names it.)
CREATE FUNCTION plenum_norm(t text) RETURNS text
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  AS $$ SELECT btrim(regexp_replace(regexp_replace(regexp_replace(lower(public.unaccent('public.unaccent'::regdictionary, t)),
    '[''’ʼ]s([^[:alnum:]]|$)', '\1', 'g'), '[''’‘ʼ`]', '', 'g'), '[^[:alnum:]]+', ' ', 'g')) $$;

-- Each ¶'s own text, written at import (db/queries/documents.ts; rows from before are filled in at start,
-- db/queries/search-index.ts), and its search vector.
ALTER TABLE document_blocks ADD COLUMN body text;
ALTER TABLE document_blocks ADD COLUMN search tsvector GENERATED ALWAYS AS (to_tsvector('simple', plenum_norm(coalesce(body, '')))) STORED;
CREATE INDEX document_blocks_search_idx ON document_blocks USING gin (search);
-- The ¶ holding an offset (a note's passage, for citing a search hit).
CREATE INDEX document_blocks_offset_idx ON document_blocks (version_id, start_offset);

-- The distinct words of each version of a source, in normal form: what a misspelt name is matched against.
CREATE TABLE document_words (
  version_id  uuid NOT NULL REFERENCES document_versions (id) ON DELETE CASCADE,
  word        text NOT NULL,
  uses        integer NOT NULL,
  PRIMARY KEY (version_id, word)
);
CREATE INDEX document_words_trgm_idx ON document_words USING gin (word gin_trgm_ops);
CREATE INDEX document_words_word_idx ON document_words (word);

-- What members wrote, with the search vector of its normal form kept beside it (ranking reads it for every
-- match: computed at query time, it cost more than the search itself).
ALTER TABLE notes ADD COLUMN search tsvector GENERATED ALWAYS AS (to_tsvector('simple', plenum_norm(body))) STORED;
CREATE INDEX notes_search_idx ON notes USING gin (search);
ALTER TABLE evidence_links ADD COLUMN search tsvector GENERATED ALWAYS AS (to_tsvector('simple', plenum_norm(comment))) STORED;
CREATE INDEX evidence_links_search_idx ON evidence_links USING gin (search);
ALTER TABLE link_replies ADD COLUMN search tsvector GENERATED ALWAYS AS (to_tsvector('simple', plenum_norm(body))) STORED;
CREATE INDEX link_replies_search_idx ON link_replies USING gin (search);
ALTER TABLE board_posts ADD COLUMN search tsvector GENERATED ALWAYS AS (to_tsvector('simple', plenum_norm(title || ' ' || body))) STORED;
CREATE INDEX board_posts_search_idx ON board_posts USING gin (search);
ALTER TABLE matrix_entries ADD COLUMN search tsvector GENERATED ALWAYS AS (to_tsvector('simple', plenum_norm(claim))) STORED;
CREATE INDEX matrix_entries_search_idx ON matrix_entries USING gin (search);
