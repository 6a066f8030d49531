-- Two-aggregator (Prio3) tasks. Each aggregator, leader or helper, keeps its own copy with its own role.
-- definition: the public task JSON (VDAF, peer, minimum batch size, noise, collector key).
-- verify_key: the VDAF verification key the two aggregators share; secret, never served.
-- open_batch: the batch that newly prepared reports join (the leader closes it when collecting).
CREATE TABLE vdaf_tasks (
  id VARCHAR(64) PRIMARY KEY,
  role VARCHAR(10) NOT NULL,
  definition TEXT NOT NULL,
  verify_key VARCHAR(64) NOT NULL,
  open_batch BIGINT NOT NULL,
  created_at VARCHAR(40) NOT NULL
);

-- Every report id an aggregator has seen, once (a second report with the same id is refused).
-- state: leader: pending (received), in-job (sent to the helper), accepted or rejected; helper: accepted or
-- rejected. body: the leader's copy of the uploaded report (sealed shares, signature) until it is prepared.
CREATE TABLE vdaf_reports (
  task_id VARCHAR(64) NOT NULL REFERENCES vdaf_tasks(id),
  report_id VARCHAR(32) NOT NULL,
  seq BIGINT NOT NULL,
  agency_id VARCHAR(200) NOT NULL,
  state VARCHAR(16) NOT NULL,
  reason VARCHAR(40),
  batch BIGINT,
  job_id VARCHAR(64),
  body TEXT,
  PRIMARY KEY (task_id, report_id)
);
CREATE INDEX vdaf_reports_by_state ON vdaf_reports (task_id, state, seq);
CREATE INDEX vdaf_reports_by_job ON vdaf_reports (task_id, job_id);

-- Aggregation jobs. response: the helper's answer (replayed if the leader retries the job); the leader sets
-- done once it has applied the answer.
CREATE TABLE vdaf_jobs (
  task_id VARCHAR(64) NOT NULL REFERENCES vdaf_tasks(id),
  job_id VARCHAR(64) NOT NULL,
  batch BIGINT NOT NULL,
  response TEXT,
  done BOOLEAN NOT NULL,
  PRIMARY KEY (task_id, job_id)
);

-- Per batch: the aggregate share so far (base64url of the field vector encoding, without noise), the
-- accepted and rejected counts, and the checksum (hex XOR of SHA-256 over the accepted report ids) the
-- two aggregators compare before releasing. collection: the released, noised and sealed share.
CREATE TABLE vdaf_batches (
  task_id VARCHAR(64) NOT NULL REFERENCES vdaf_tasks(id),
  batch BIGINT NOT NULL,
  accepted BIGINT NOT NULL,
  rejected BIGINT NOT NULL,
  checksum VARCHAR(64) NOT NULL,
  aggregate_share TEXT NOT NULL,
  collection TEXT,
  PRIMARY KEY (task_id, batch)
);
