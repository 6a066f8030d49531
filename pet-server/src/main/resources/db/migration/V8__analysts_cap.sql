-- An optional cap on what all analysts of a per-analyst dataset spend together (kept on the ledger '*').
ALTER TABLE datasets ADD COLUMN cap_epsilon_nano BIGINT;
ALTER TABLE datasets ADD COLUMN cap_delta_atto BIGINT;
