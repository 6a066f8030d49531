-- Data linkage sessions relayed between two registered agencies (private intersection-sum-with-cardinality).
-- parameters: purpose, the two parties, maxValue and the epsilons; result: the released outcome, once done.
CREATE TABLE linkage_sessions (
  id VARCHAR(64) PRIMARY KEY,
  parameters TEXT NOT NULL,
  result TEXT,
  created_at VARCHAR(40) NOT NULL
);

-- The relayed messages, one per step. Only what the relay may see is stored: blinded points, ElGamal
-- ciphertexts under the value party's key and the released result (base64url of the PsiWire encoding).
CREATE TABLE linkage_messages (
  session_id VARCHAR(64) NOT NULL REFERENCES linkage_sessions(id),
  step INT NOT NULL,
  sender VARCHAR(200) NOT NULL,
  message TEXT NOT NULL,
  PRIMARY KEY (session_id, step)
);
