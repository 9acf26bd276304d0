-- 20261202021855_initial up: erc8004

SET check_function_bodies = false;

CREATE EXTENSION IF NOT EXISTS pgcrypto WITH SCHEMA public;

CREATE FUNCTION public.update_updated_at_column() RETURNS trigger
    LANGUAGE plpgsql
    AS $$BEGIN
    NEW.updated_at = now();
    RETURN NEW;
END;$$;

COMMENT ON FUNCTION public.update_updated_at_column() IS 'Sets updated_at on every UPDATE';

CREATE FUNCTION public.notify_new_event() RETURNS trigger
    LANGUAGE plpgsql
    AS $$BEGIN
    PERFORM pg_notify('new_event', json_build_object(
        'id', NEW.id,
        'chain_id', NEW.chain_id,
        'registry', NEW.registry,
        'event_type', NEW.event_type,
        'block_number', NEW.block_number
    )::text);
    RETURN NEW;
END;$$;

COMMENT ON FUNCTION public.notify_new_event() IS 'Publishes each new event on the new_event channel';

CREATE TABLE public.users (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    username character varying(50) NOT NULL,
    email character varying(255) NOT NULL,
    password_hash text NOT NULL,
    api_key_hash text,
    is_active boolean DEFAULT true NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT users_pkey PRIMARY KEY (id),
    CONSTRAINT users_username_key UNIQUE (username),
    CONSTRAINT users_email_key UNIQUE (email)
);

COMMENT ON TABLE public.users IS 'User accounts for API authentication';

CREATE TABLE public.triggers (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    user_id uuid NOT NULL,
    name character varying(255) NOT NULL,
    description text,
    chain_id integer NOT NULL,
    registry character varying(50) NOT NULL,
    enabled boolean DEFAULT true NOT NULL,
    is_stateful boolean DEFAULT false NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT triggers_pkey PRIMARY KEY (id),
    CONSTRAINT triggers_registry_check CHECK (((registry)::text = ANY (ARRAY[('identity'::character varying)::text, ('reputation'::character varying)::text, ('validation'::character varying)::text])))
);

COMMENT ON TABLE public.triggers IS 'User-defined trigger configurations';

CREATE TABLE public.trigger_conditions (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    trigger_id uuid NOT NULL,
    condition_type character varying(100) NOT NULL,
    field character varying(255) NOT NULL,
    operator character varying(20) NOT NULL,
    value text NOT NULL,
    config jsonb,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT trigger_conditions_pkey PRIMARY KEY (id),
    CONSTRAINT trigger_conditions_operator_check CHECK (((operator)::text = ANY (ARRAY[('='::character varying)::text, ('!='::character varying)::text, ('>'::character varying)::text, ('>='::character varying)::text, ('<'::character varying)::text, ('<='::character varying)::text, ('contains'::character varying)::text, ('in'::character varying)::text])))
);

COMMENT ON TABLE public.trigger_conditions IS 'Matching conditions for triggers';

CREATE TABLE public.trigger_actions (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    trigger_id uuid NOT NULL,
    action_type character varying(50) NOT NULL,
    priority integer DEFAULT 0 NOT NULL,
    config jsonb NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT trigger_actions_pkey PRIMARY KEY (id),
    CONSTRAINT trigger_actions_action_type_check CHECK (((action_type)::text = ANY (ARRAY[('telegram'::character varying)::text, ('rest'::character varying)::text, ('mcp'::character varying)::text])))
);

COMMENT ON TABLE public.trigger_actions IS 'Actions to execute when triggers match';

CREATE TABLE public.trigger_state (
    trigger_id uuid NOT NULL,
    state_data jsonb DEFAULT '{}'::jsonb NOT NULL,
    last_updated timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT trigger_state_pkey PRIMARY KEY (trigger_id)
);

COMMENT ON TABLE public.trigger_state IS 'State storage for stateful triggers (EMA, counters)';

CREATE TABLE public.events (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    chain_id integer NOT NULL,
    block_number bigint NOT NULL,
    block_hash character varying(66) NOT NULL,
    transaction_hash character varying(66) NOT NULL,
    log_index integer NOT NULL,
    registry character varying(50) NOT NULL,
    event_type character varying(100) NOT NULL,
    agent_id text,
    event_data jsonb DEFAULT '{}'::jsonb NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT events_pkey PRIMARY KEY (id, created_at),
    CONSTRAINT events_chain_id_transaction_hash_log_index_created_at_key UNIQUE (chain_id, transaction_hash, log_index, created_at)
) PARTITION BY RANGE (created_at);

COMMENT ON TABLE public.events IS 'Immutable log of blockchain events';

CREATE TABLE public.events_2025_01 PARTITION OF public.events FOR VALUES FROM ('2025-01-01 00:00:00+00') TO ('2025-02-01 00:00:00+00');

CREATE TABLE public.events_2025_02 PARTITION OF public.events FOR VALUES FROM ('2025-02-01 00:00:00+00') TO ('2025-03-01 00:00:00+00');

CREATE TABLE public.events_2025_03 PARTITION OF public.events FOR VALUES FROM ('2025-03-01 00:00:00+00') TO ('2025-04-01 00:00:00+00');

CREATE TABLE public.events_2025_04 PARTITION OF public.events FOR VALUES FROM ('2025-04-01 00:00:00+00') TO ('2025-05-01 00:00:00+00');

CREATE TABLE public.events_2025_05 PARTITION OF public.events FOR VALUES FROM ('2025-05-01 00:00:00+00') TO ('2025-06-01 00:00:00+00');

CREATE TABLE public.events_2025_06 PARTITION OF public.events FOR VALUES FROM ('2025-06-01 00:00:00+00') TO ('2025-07-01 00:00:00+00');

CREATE TABLE public.events_2025_07 PARTITION OF public.events FOR VALUES FROM ('2025-07-01 00:00:00+00') TO ('2025-08-01 00:00:00+00');

CREATE TABLE public.events_2025_08 PARTITION OF public.events FOR VALUES FROM ('2025-08-01 00:00:00+00') TO ('2025-09-01 00:00:00+00');

CREATE TABLE public.events_2025_09 PARTITION OF public.events FOR VALUES FROM ('2025-09-01 00:00:00+00') TO ('2025-10-01 00:00:00+00');

CREATE TABLE public.events_2025_10 PARTITION OF public.events FOR VALUES FROM ('2025-10-01 00:00:00+00') TO ('2025-11-01 00:00:00+00');

CREATE TABLE public.events_2025_11 PARTITION OF public.events FOR VALUES FROM ('2025-11-01 00:00:00+00') TO ('2025-12-01 00:00:00+00');

CREATE TABLE public.events_2025_12 PARTITION OF public.events FOR VALUES FROM ('2025-12-01 00:00:00+00') TO ('2026-01-01 00:00:00+00');

CREATE TABLE public.events_default PARTITION OF public.events DEFAULT;

CREATE TABLE public.checkpoints (
    chain_id integer NOT NULL,
    last_block_number bigint NOT NULL,
    last_block_hash character varying(66),
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT checkpoints_pkey PRIMARY KEY (chain_id),
    CONSTRAINT checkpoints_last_block_number_check CHECK ((last_block_number >= 0))
);

COMMENT ON TABLE public.checkpoints IS 'Last processed block per chain';

CREATE TABLE public.action_results (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    trigger_id uuid NOT NULL,
    event_id uuid NOT NULL,
    action_type character varying(50) NOT NULL,
    status character varying(20) NOT NULL,
    response_data jsonb,
    error_message text,
    duration_ms integer,
    retry_count integer DEFAULT 0 NOT NULL,
    executed_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT action_results_pkey PRIMARY KEY (id),
    CONSTRAINT action_results_status_check CHECK (((status)::text = ANY (ARRAY[('success'::character varying)::text, ('failed'::character varying)::text, ('retrying'::character varying)::text]))),
    CONSTRAINT action_results_duration_ms_check CHECK ((duration_ms >= 0))
);

COMMENT ON TABLE public.action_results IS 'Audit trail of action executions';

CREATE TABLE public.agent_mcp_tokens (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    agent_id text NOT NULL,
    chain_id integer NOT NULL,
    token_hash text NOT NULL,
    server_url text,
    expires_at timestamp with time zone,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT agent_mcp_tokens_pkey PRIMARY KEY (id),
    CONSTRAINT agent_mcp_tokens_agent_id_chain_id_key UNIQUE (agent_id, chain_id)
);

COMMENT ON TABLE public.agent_mcp_tokens IS 'Authentication tokens for agent MCP servers';

CREATE INDEX idx_users_email_lower ON public.users USING btree ((lower(email::text)));

CREATE UNIQUE INDEX idx_users_api_key_hash ON public.users USING btree (api_key_hash) WHERE (api_key_hash IS NOT NULL);

CREATE INDEX idx_triggers_user_id ON public.triggers USING btree (user_id);

CREATE INDEX idx_triggers_registry_chain ON public.triggers USING btree (registry, chain_id) WHERE (enabled = true);

CREATE INDEX idx_trigger_conditions_trigger_id ON public.trigger_conditions USING btree (trigger_id);

CREATE INDEX idx_trigger_actions_trigger_id ON public.trigger_actions USING btree (trigger_id, priority);

CREATE INDEX idx_events_registry_type ON public.events USING btree (registry, event_type, created_at DESC);

CREATE INDEX idx_events_agent ON public.events USING btree (agent_id, created_at DESC) WHERE (agent_id IS NOT NULL);

CREATE INDEX idx_events_block ON public.events USING btree (chain_id, block_number DESC);

CREATE INDEX idx_events_data ON public.events USING gin (event_data);

CREATE INDEX idx_action_results_trigger ON public.action_results USING btree (trigger_id, executed_at DESC);

CREATE INDEX idx_action_results_event ON public.action_results USING btree (event_id);

CREATE INDEX idx_action_results_failed ON public.action_results USING btree (executed_at) WHERE (status::text = 'failed'::text);

CREATE INDEX idx_agent_mcp_tokens_expires ON public.agent_mcp_tokens USING btree (expires_at) WHERE (expires_at IS NOT NULL);

ALTER TABLE public.triggers ADD CONSTRAINT triggers_user_id_fkey FOREIGN KEY (user_id) REFERENCES public.users (id) ON DELETE CASCADE;

ALTER TABLE public.trigger_conditions ADD CONSTRAINT trigger_conditions_trigger_id_fkey FOREIGN KEY (trigger_id) REFERENCES public.triggers (id) ON DELETE CASCADE;

ALTER TABLE public.trigger_actions ADD CONSTRAINT trigger_actions_trigger_id_fkey FOREIGN KEY (trigger_id) REFERENCES public.triggers (id) ON DELETE CASCADE;

ALTER TABLE public.trigger_state ADD CONSTRAINT trigger_state_trigger_id_fkey FOREIGN KEY (trigger_id) REFERENCES public.triggers (id) ON DELETE CASCADE;

ALTER TABLE public.action_results ADD CONSTRAINT action_results_trigger_id_fkey FOREIGN KEY (trigger_id) REFERENCES public.triggers (id) ON DELETE CASCADE;

CREATE TRIGGER update_users_updated_at BEFORE UPDATE ON public.users FOR EACH ROW EXECUTE FUNCTION public.update_updated_at_column();

CREATE TRIGGER update_triggers_updated_at BEFORE UPDATE ON public.triggers FOR EACH ROW EXECUTE FUNCTION public.update_updated_at_column();

CREATE TRIGGER notify_new_event_trigger AFTER INSERT ON public.events FOR EACH ROW EXECUTE FUNCTION public.notify_new_event();

CREATE TRIGGER update_checkpoints_updated_at BEFORE UPDATE ON public.checkpoints FOR EACH ROW EXECUTE FUNCTION public.update_updated_at_column();

CREATE TRIGGER update_agent_mcp_tokens_updated_at BEFORE UPDATE ON public.agent_mcp_tokens FOR EACH ROW EXECUTE FUNCTION public.update_updated_at_column();
