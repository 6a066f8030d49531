-- A dataset's CSV moves to a table of its own: a query locks its dataset's row (SELECT ... FOR UPDATE)
-- to serialise charges, and H2 rewrites a locked row, so the row must not carry the data.
CREATE TABLE dataset_contents (
  dataset_id VARCHAR(64) PRIMARY KEY REFERENCES datasets(id),
  csv TEXT NOT NULL
);
INSERT INTO dataset_contents (dataset_id, csv) SELECT id, csv FROM datasets;
ALTER TABLE datasets DROP COLUMN csv;
