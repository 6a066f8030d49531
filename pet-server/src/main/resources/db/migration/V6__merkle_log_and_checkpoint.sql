-- The transparency log becomes a Merkle tree (RFC 9162): an entry is a leaf, hashed from its index,
-- timestamp, type and payload; the server signs checkpoints (tree size, root hash, time) instead of each
-- entry. The columns of the old hash chain stay (nullable) so that a log written by pet 0.1 keeps its
-- evidence; the server refuses to extend such a log (it has no checkpoint).
ALTER TABLE transparency_log ALTER COLUMN previous_hash DROP NOT NULL;
ALTER TABLE transparency_log ALTER COLUMN entry_hash DROP NOT NULL;
ALTER TABLE transparency_log ALTER COLUMN signature DROP NOT NULL;

-- The latest signed checkpoint (one row): written in the same transaction as the entries it covers.
CREATE TABLE transparency_checkpoint (
  id INT PRIMARY KEY,
  tree_size BIGINT NOT NULL,
  note TEXT NOT NULL,
  CHECK (id = 1)
);

-- Request nonces are kept only while their timestamp is inside the accepted window.
CREATE INDEX request_nonces_seen_at ON request_nonces (seen_at);
