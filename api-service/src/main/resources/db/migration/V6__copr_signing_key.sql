-- The copr's signing key as repo-worker announces it on copr.coprs.keys: only its public facts.
-- The private key never leaves repo-worker.
alter table coprs add column signing_key_fingerprint text;
alter table coprs add column signing_key_expires_at timestamptz;
