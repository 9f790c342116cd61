-- Channel credentials (API keys, tokens, webhook secrets), encrypted at rest with AES-256-GCM by the
-- channel module (dev.ichigen.channel.credentials.CredentialVault). Only the ciphertext and the id of
-- the key that sealed it are stored; the key itself never is (ICHIGEN_CREDENTIALS_KEY or a key file).
alter table sales_channel add column credentials_sealed varchar(16000);
alter table sales_channel add column credentials_key_id varchar(16);
-- which keys are set (comma-separated names, not secret): shown without decrypting anything
alter table sales_channel add column credentials_names varchar(1000);
alter table sales_channel add column credentials_updated_at timestamp with time zone;
