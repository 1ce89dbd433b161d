-- "Compare first, then see the class" (docs/compare.md): a published compare assignment with peer_gate keeps
-- classmates' notes on its sources, and classmates' work in the compare room, from a student until they have
-- made as many cross-case links as it asks for (at least one). Enforced by the sync server and every first paint.
ALTER TABLE assignments ADD COLUMN peer_gate boolean NOT NULL DEFAULT false;
