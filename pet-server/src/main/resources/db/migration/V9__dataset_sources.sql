-- A dataset registered on an external engine ("engine": "spark") keeps its data where it is: the server
-- stores only where to read it (path, format) and the schema fixed at registration, never the rows.
CREATE TABLE dataset_sources (
  dataset_id VARCHAR(64) PRIMARY KEY REFERENCES datasets(id),
  engine VARCHAR(32) NOT NULL,
  format VARCHAR(16) NOT NULL,
  path VARCHAR(1000) NOT NULL,
  columns TEXT NOT NULL,
  numeric_columns TEXT NOT NULL
);
