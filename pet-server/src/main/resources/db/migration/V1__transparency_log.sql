CREATE TABLE transparency_log (
  entry_index BIGINT PRIMARY KEY,
  created_at VARCHAR(40) NOT NULL,
  entry_type VARCHAR(64) NOT NULL,
  payload TEXT NOT NULL,
  previous_hash VARCHAR(64) NOT NULL,
  entry_hash VARCHAR(64) NOT NULL,
  signature VARCHAR(128) NOT NULL
);
