-- Where each paragraph of the version before went in this one (docs/versions.md): ¶ numbers cited on an older
-- version (a board thread about a passage, an assignment's focus paragraphs) keep pointing at the same text.
-- new_number NULL: the paragraph was removed. A version whose change was too large to compare has no rows.
CREATE TABLE document_block_moves (
  version_id  uuid NOT NULL REFERENCES document_versions (id) ON DELETE CASCADE,
  old_number  integer NOT NULL,
  new_number  integer,
  PRIMARY KEY (version_id, old_number)
);

-- Whether the version was compared with the one before (rows above, if it could be): versions stored before this
-- migration are compared at start-up (app/lib/sources/block-moves.server.ts).
ALTER TABLE document_versions ADD COLUMN moves_compared boolean NOT NULL DEFAULT false;
