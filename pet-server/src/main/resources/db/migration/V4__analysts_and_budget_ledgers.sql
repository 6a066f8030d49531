-- Analysts query datasets with their own bearer token; only its SHA-256 is stored.
CREATE TABLE analysts (
  id VARCHAR(100) PRIMARY KEY,
  token_sha256 VARCHAR(64) NOT NULL UNIQUE,
  created_at VARCHAR(40) NOT NULL
);

-- A dataset's budget is shared by every caller ('dataset') or granted to each analyst in full ('analyst').
ALTER TABLE datasets ADD COLUMN budget_scope VARCHAR(16) DEFAULT 'dataset' NOT NULL;

-- What each ledger has spent: principal '*' is the shared ledger of a 'dataset'-scoped budget, otherwise
-- the analyst id (or 'admin') charged under an 'analyst'-scoped one. Integer units as in V2.
CREATE TABLE budget_ledgers (
  dataset_id VARCHAR(64) NOT NULL REFERENCES datasets(id),
  principal VARCHAR(100) NOT NULL,
  spent_epsilon_nano BIGINT NOT NULL,
  spent_delta_atto BIGINT NOT NULL,
  PRIMARY KEY (dataset_id, principal)
);

INSERT INTO budget_ledgers (dataset_id, principal, spent_epsilon_nano, spent_delta_atto)
  SELECT id, '*', spent_epsilon_nano, spent_delta_atto FROM datasets;
ALTER TABLE datasets DROP COLUMN spent_epsilon_nano;
ALTER TABLE datasets DROP COLUMN spent_delta_atto;

-- Who asked each query.
ALTER TABLE dataset_queries ADD COLUMN principal VARCHAR(100) DEFAULT 'admin' NOT NULL;
