CREATE EXTENSION IF NOT EXISTS pgcrypto;
CREATE TABLE tokens (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), secret text DEFAULT encode(gen_random_bytes(16), 'hex'));
