-- Front matter (docs/versions.md): a document's metadata before its text ("Created: 4/27/1962", "OCR scan of
-- the original document"), set apart from its paragraphs and from page furniture by the importer.
ALTER TABLE document_blocks DROP CONSTRAINT document_blocks_kind_check;
ALTER TABLE document_blocks ADD CONSTRAINT document_blocks_kind_check CHECK (kind IN ('heading', 'paragraph', 'note', 'furniture', 'front'));
