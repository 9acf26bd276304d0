-- 20261202021859_initial up: ainp

SET check_function_bodies = false;

CREATE EXTENSION IF NOT EXISTS pgcrypto WITH SCHEMA public;

CREATE FUNCTION public.update_negotiations_timestamp() RETURNS trigger
    LANGUAGE plpgsql
    AS $$BEGIN
    NEW.updated_at = NOW();
    RETURN NEW;
END;$$;

COMMENT ON FUNCTION public.update_negotiations_timestamp() IS 'Keeps negotiations.updated_at current';

CREATE FUNCTION public.expire_stale_negotiations() RETURNS integer
    LANGUAGE plpgsql
    AS $$DECLARE
    expired_count integer;
BEGIN
    UPDATE negotiations
       SET state = 'expired'
     WHERE expires_at < NOW()
       AND state NOT IN ('accepted', 'rejected', 'expired');
    GET DIAGNOSTICS expired_count = ROW_COUNT;
    RETURN expired_count;
END;$$;

COMMENT ON FUNCTION public.expire_stale_negotiations() IS 'Marks expired negotiations; returns how many';

CREATE TABLE public.agents (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    did text NOT NULL,
    name text NOT NULL,
    description text,
    public_key text NOT NULL,
    endpoint text,
    capabilities jsonb DEFAULT '[]'::jsonb NOT NULL,
    tags text[] DEFAULT '{}'::text[] NOT NULL,
    version character varying(32),
    registered_at timestamp with time zone DEFAULT now() NOT NULL,
    last_seen_at timestamp with time zone,
    trust_score numeric(5,4) DEFAULT 0.5 NOT NULL,
    usefulness_score_cached numeric DEFAULT 0,
    usefulness_last_updated timestamp with time zone,
    CONSTRAINT agents_pkey PRIMARY KEY (id),
    CONSTRAINT agents_did_key UNIQUE (did),
    CONSTRAINT agents_trust_score_check CHECK (((trust_score >= (0)::numeric) AND (trust_score <= (1)::numeric)))
);

COMMENT ON TABLE public.agents IS 'Registered agents';

COMMENT ON COLUMN public.agents.usefulness_score_cached IS '30-day rolling average usefulness score';

CREATE TABLE public.trust_scores (
    agent_did text NOT NULL,
    reliability numeric(5,4) DEFAULT 0.5 NOT NULL,
    honesty numeric(5,4) DEFAULT 0.5 NOT NULL,
    competence numeric(5,4) DEFAULT 0.5 NOT NULL,
    timeliness numeric(5,4) DEFAULT 0.5 NOT NULL,
    interaction_count integer DEFAULT 0 NOT NULL,
    decay_rate numeric(5,4) DEFAULT 0.977 NOT NULL,
    last_updated timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT trust_scores_pkey PRIMARY KEY (agent_did),
    CONSTRAINT trust_scores_dimensions_range CHECK (((reliability >= (0)::numeric) AND (reliability <= (1)::numeric) AND ((honesty >= (0)::numeric) AND (honesty <= (1)::numeric)) AND ((competence >= (0)::numeric) AND (competence <= (1)::numeric)) AND ((timeliness >= (0)::numeric) AND (timeliness <= (1)::numeric))))
);

COMMENT ON TABLE public.trust_scores IS 'Per-dimension trust of each agent';

CREATE TABLE public.negotiations (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    intent_id uuid NOT NULL,
    initiator_did text NOT NULL,
    responder_did text NOT NULL,
    state text DEFAULT 'initiated'::text NOT NULL,
    rounds jsonb DEFAULT '[]'::jsonb NOT NULL,
    convergence_score numeric DEFAULT 0,
    current_proposal jsonb,
    final_proposal jsonb,
    incentive_split jsonb DEFAULT '{"pool": 0.10, "agent": 0.70, "broker": 0.10, "validator": 0.10}'::jsonb NOT NULL,
    max_rounds integer DEFAULT 10 NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    expires_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT negotiations_pkey PRIMARY KEY (id),
    CONSTRAINT negotiations_state_check CHECK ((state = ANY (ARRAY['initiated'::text, 'proposed'::text, 'counter_proposed'::text, 'accepted'::text, 'rejected'::text, 'expired'::text]))),
    CONSTRAINT negotiations_convergence_score_check CHECK (((convergence_score >= (0)::numeric) AND (convergence_score <= (1)::numeric))),
    CONSTRAINT negotiations_max_rounds_check CHECK (((max_rounds >= 1) AND (max_rounds <= 20))),
    CONSTRAINT negotiation_participants_different CHECK ((initiator_did <> responder_did))
);

COMMENT ON TABLE public.negotiations IS 'Multi-round negotiation sessions between agents';

CREATE TABLE public.usefulness_proofs (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    intent_id uuid NOT NULL,
    agent_did text NOT NULL,
    work_type text NOT NULL,
    metrics jsonb NOT NULL,
    attestations text[],
    trace_id text NOT NULL,
    usefulness_score numeric NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT usefulness_proofs_pkey PRIMARY KEY (id),
    CONSTRAINT usefulness_proofs_work_type_check CHECK ((work_type = ANY (ARRAY['compute'::text, 'memory'::text, 'routing'::text, 'validation'::text, 'learning'::text]))),
    CONSTRAINT usefulness_proofs_usefulness_score_check CHECK (((usefulness_score >= (0)::numeric) AND (usefulness_score <= (100)::numeric)))
);

COMMENT ON TABLE public.usefulness_proofs IS 'Proofs of useful agent work (Web4 POU-lite)';

CREATE TABLE public.credit_accounts (
    agent_did text NOT NULL,
    balance bigint DEFAULT 0 NOT NULL,
    reserved bigint DEFAULT 0 NOT NULL,
    earned bigint DEFAULT 0 NOT NULL,
    spent bigint DEFAULT 0 NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT credit_accounts_pkey PRIMARY KEY (agent_did),
    CONSTRAINT credit_accounts_balance_check CHECK ((balance >= 0)),
    CONSTRAINT credit_accounts_reserved_check CHECK ((reserved >= 0)),
    CONSTRAINT credit_accounts_reserved_within_balance CHECK ((reserved <= balance))
);

COMMENT ON TABLE public.credit_accounts IS 'Agent credit balances';

CREATE TABLE public.credit_transactions (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    agent_did text NOT NULL,
    tx_type text NOT NULL,
    amount bigint NOT NULL,
    balance_after bigint NOT NULL,
    intent_id uuid,
    usefulness_proof_id uuid,
    description text,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT credit_transactions_pkey PRIMARY KEY (id),
    CONSTRAINT credit_transactions_tx_type_check CHECK ((tx_type = ANY (ARRAY['deposit'::text, 'earn'::text, 'reserve'::text, 'release'::text, 'spend'::text]))),
    CONSTRAINT credit_transactions_amount_check CHECK ((amount > 0))
);

COMMENT ON TABLE public.credit_transactions IS 'Credit ledger: deposits, earnings, reservations, releases and spending';

CREATE INDEX idx_agents_capabilities ON public.agents USING gin (capabilities);

CREATE INDEX idx_agents_usefulness ON public.agents USING btree (usefulness_score_cached DESC, trust_score DESC);

COMMENT ON INDEX public.idx_agents_usefulness IS 'Discovery ranking (usefulness + trust)';

CREATE INDEX idx_negotiations_intent ON public.negotiations USING btree (intent_id);

CREATE INDEX idx_negotiations_initiator ON public.negotiations USING btree (initiator_did, created_at DESC);

CREATE INDEX idx_negotiations_responder ON public.negotiations USING btree (responder_did, created_at DESC);

CREATE INDEX idx_negotiations_state ON public.negotiations USING btree (state);

CREATE INDEX idx_negotiations_expires ON public.negotiations USING btree (expires_at) WHERE (state <> ALL (ARRAY['accepted'::text, 'rejected'::text, 'expired'::text]));

CREATE INDEX idx_negotiations_convergence ON public.negotiations USING btree (convergence_score DESC) WHERE (state <> ALL (ARRAY['accepted'::text, 'rejected'::text, 'expired'::text]));

CREATE INDEX idx_usefulness_agent ON public.usefulness_proofs USING btree (agent_did, created_at DESC);

CREATE INDEX idx_usefulness_intent ON public.usefulness_proofs USING btree (intent_id);

CREATE INDEX idx_usefulness_work_type ON public.usefulness_proofs USING btree (work_type);

CREATE INDEX idx_usefulness_score ON public.usefulness_proofs USING btree (usefulness_score DESC);

CREATE INDEX idx_usefulness_trace ON public.usefulness_proofs USING btree (trace_id);

CREATE INDEX idx_usefulness_agent_score ON public.usefulness_proofs USING btree (agent_did, usefulness_score DESC);

CREATE INDEX idx_usefulness_metrics ON public.usefulness_proofs USING gin (metrics);

CREATE INDEX idx_credit_accounts_balance ON public.credit_accounts USING btree (balance DESC);

CREATE INDEX idx_credit_tx_agent ON public.credit_transactions USING btree (agent_did, created_at DESC);

CREATE INDEX idx_credit_tx_intent ON public.credit_transactions USING btree (intent_id) WHERE (intent_id IS NOT NULL);

CREATE INDEX idx_credit_tx_type ON public.credit_transactions USING btree (tx_type, created_at DESC);

ALTER TABLE public.trust_scores ADD CONSTRAINT trust_scores_agent_did_fkey FOREIGN KEY (agent_did) REFERENCES public.agents (did) ON DELETE CASCADE;

ALTER TABLE public.usefulness_proofs ADD CONSTRAINT usefulness_proofs_agent_did_fkey FOREIGN KEY (agent_did) REFERENCES public.agents (did) ON DELETE CASCADE;

ALTER TABLE public.credit_accounts ADD CONSTRAINT credit_accounts_agent_did_fkey FOREIGN KEY (agent_did) REFERENCES public.agents (did) ON DELETE CASCADE;

ALTER TABLE public.credit_transactions ADD CONSTRAINT credit_transactions_agent_did_fkey FOREIGN KEY (agent_did) REFERENCES public.credit_accounts (agent_did) ON DELETE CASCADE;

ALTER TABLE public.credit_transactions ADD CONSTRAINT credit_transactions_usefulness_proof_id_fkey FOREIGN KEY (usefulness_proof_id) REFERENCES public.usefulness_proofs (id) ON DELETE SET NULL;

CREATE TRIGGER negotiations_updated_at BEFORE UPDATE ON public.negotiations FOR EACH ROW EXECUTE FUNCTION public.update_negotiations_timestamp();
