CREATE TABLE agencies (
  id VARCHAR(200) PRIMARY KEY,
  public_key VARCHAR(64) NOT NULL,
  created_at VARCHAR(40) NOT NULL
);

-- Each (agency, nonce) is accepted once: replayed requests fail on this key.
CREATE TABLE request_nonces (
  agency_id VARCHAR(200) NOT NULL,
  nonce VARCHAR(100) NOT NULL,
  seen_at BIGINT NOT NULL,
  PRIMARY KEY (agency_id, nonce)
);

CREATE TABLE rounds (
  id VARCHAR(64) PRIMARY KEY,
  parameters TEXT NOT NULL,
  created_at VARCHAR(40) NOT NULL
);

-- The round's history: every accepted message and every phase closing, in order. Replaying it rebuilds
-- the server state machine exactly, so a restarted server resumes the round. Only what the server may see
-- is stored: public keys, sealed envelopes, masked vectors, signatures and shares revealed for unmasking.
CREATE TABLE round_events (
  round_id VARCHAR(64) NOT NULL REFERENCES rounds(id),
  seq INT NOT NULL,
  kind VARCHAR(32) NOT NULL,
  sender VARCHAR(200),
  message TEXT,
  PRIMARY KEY (round_id, seq)
);
