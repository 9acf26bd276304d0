-- 20261202021859_initial down: ainp
-- destructive: drop table public.agents
-- destructive: drop table public.trust_scores
-- destructive: drop table public.negotiations
-- destructive: drop table public.usefulness_proofs
-- destructive: drop table public.credit_accounts
-- destructive: drop table public.credit_transactions

ALTER TABLE public.trust_scores DROP CONSTRAINT trust_scores_agent_did_fkey;

ALTER TABLE public.usefulness_proofs DROP CONSTRAINT usefulness_proofs_agent_did_fkey;

ALTER TABLE public.credit_accounts DROP CONSTRAINT credit_accounts_agent_did_fkey;

ALTER TABLE public.credit_transactions DROP CONSTRAINT credit_transactions_agent_did_fkey;

ALTER TABLE public.credit_transactions DROP CONSTRAINT credit_transactions_usefulness_proof_id_fkey;

DROP TABLE public.agents;

DROP TABLE public.trust_scores;

DROP TABLE public.negotiations;

DROP TABLE public.usefulness_proofs;

DROP TABLE public.credit_accounts;

DROP TABLE public.credit_transactions;

DROP FUNCTION public.update_negotiations_timestamp();

DROP FUNCTION public.expire_stale_negotiations();

DROP EXTENSION pgcrypto;
