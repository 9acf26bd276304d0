-- 20261202021901_initial up: minegnk

SET check_function_bodies = false;

CREATE EXTENSION IF NOT EXISTS "uuid-ossp" WITH SCHEMA public;

CREATE FUNCTION public.update_updated_at_column() RETURNS trigger
    LANGUAGE plpgsql
    AS $$BEGIN
    NEW.updated_at = now();
    RETURN NEW;
END;$$;

CREATE TABLE public.users (
    id uuid DEFAULT uuid_generate_v4() NOT NULL,
    email character varying(255) NOT NULL,
    password_hash character varying(255) NOT NULL,
    name character varying(100),
    role character varying(20) DEFAULT 'user'::character varying NOT NULL,
    is_active boolean DEFAULT true NOT NULL,
    telegram character varying(100),
    discord character varying(100),
    currency_preference character varying(10) DEFAULT 'USD'::character varying,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT users_pkey PRIMARY KEY (id),
    CONSTRAINT users_email_key UNIQUE (email),
    CONSTRAINT users_role_check CHECK (((role)::text = ANY (ARRAY[('user'::character varying)::text, ('admin'::character varying)::text])))
);

COMMENT ON COLUMN public.users.telegram IS 'Telegram username';

COMMENT ON COLUMN public.users.discord IS 'Discord username';

COMMENT ON COLUMN public.users.currency_preference IS 'Preferred currency';

CREATE TABLE public.nodes (
    id uuid DEFAULT uuid_generate_v4() NOT NULL,
    identifier character varying(255) NOT NULL,
    identifier_type character varying(50) NOT NULL,
    display_name character varying(100),
    gpu_type character varying(50),
    region character varying(100),
    gcore_instance_id character varying(255),
    created_at timestamp with time zone DEFAULT now(),
    CONSTRAINT nodes_pkey PRIMARY KEY (id),
    CONSTRAINT nodes_identifier_key UNIQUE (identifier),
    CONSTRAINT chk_identifier_type CHECK (((identifier_type)::text = ANY (ARRAY[('wallet'::character varying)::text, ('node_id'::character varying)::text, ('operator'::character varying)::text, ('validator'::character varying)::text])))
);

COMMENT ON TABLE public.nodes IS 'Canonical node reference data, separate from user assignments';

CREATE TABLE public.user_nodes (
    id uuid DEFAULT uuid_generate_v4() NOT NULL,
    user_id uuid NOT NULL,
    node_id uuid,
    node_identifier character varying(255) NOT NULL,
    label character varying(100),
    gpu_type character varying(50),
    is_active boolean DEFAULT true NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT user_nodes_pkey PRIMARY KEY (id),
    CONSTRAINT user_nodes_user_id_node_identifier_key UNIQUE (user_id, node_identifier)
);

CREATE TABLE public.node_requests (
    id uuid DEFAULT uuid_generate_v4() NOT NULL,
    user_id uuid NOT NULL,
    status character varying(20) DEFAULT 'pending'::character varying NOT NULL,
    gpu_type character varying(50) NOT NULL,
    gpu_count integer DEFAULT 1 NOT NULL,
    region character varying(100),
    message text,
    admin_notes text,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT node_requests_pkey PRIMARY KEY (id),
    CONSTRAINT node_requests_status_check CHECK (((status)::text = ANY (ARRAY[('pending'::character varying)::text, ('approved'::character varying)::text, ('rejected'::character varying)::text, ('completed'::character varying)::text]))),
    CONSTRAINT node_requests_gpu_count_check CHECK ((gpu_count > 0))
);

CREATE TABLE public.node_stats_cache (
    node_id uuid NOT NULL,
    status character varying(50),
    earnings_day numeric(20,8),
    earnings_total numeric(20,8),
    uptime_percent numeric(5,2),
    tokens_per_sec numeric(10,2),
    jobs_day integer,
    active_model character varying(255),
    voting_weight numeric(20,8),
    source character varying(50),
    fetched_at timestamp with time zone DEFAULT now(),
    CONSTRAINT node_stats_cache_pkey PRIMARY KEY (node_id)
);

COMMENT ON TABLE public.node_stats_cache IS 'Cached Gonka tracker data (1-5 min TTL)';

CREATE TABLE public.earnings_history (
    id uuid DEFAULT uuid_generate_v4() NOT NULL,
    node_id uuid,
    date date NOT NULL,
    earnings_gnk numeric(20,8) NOT NULL,
    source character varying(50),
    created_at timestamp with time zone DEFAULT now(),
    CONSTRAINT earnings_history_pkey PRIMARY KEY (id),
    CONSTRAINT earnings_history_node_id_date_key UNIQUE (node_id, date)
);

COMMENT ON TABLE public.earnings_history IS 'Daily earnings per node, for trend charts and verification';

CREATE INDEX idx_users_role ON public.users USING btree (role);

CREATE INDEX idx_users_is_active ON public.users USING btree (is_active) WHERE (is_active = true);

CREATE INDEX idx_nodes_identifier ON public.nodes USING btree (identifier);

CREATE INDEX idx_nodes_gpu_type ON public.nodes USING btree (gpu_type);

CREATE INDEX idx_user_nodes_user_id ON public.user_nodes USING btree (user_id);

CREATE INDEX idx_user_nodes_active ON public.user_nodes USING btree (user_id) WHERE (is_active = true);

CREATE INDEX idx_requests_user_id ON public.node_requests USING btree (user_id);

CREATE INDEX idx_requests_status ON public.node_requests USING btree (status);

CREATE INDEX idx_requests_created_at ON public.node_requests USING btree (created_at DESC);

CREATE INDEX idx_node_stats_fetched ON public.node_stats_cache USING btree (fetched_at);

CREATE INDEX idx_node_stats_status ON public.node_stats_cache USING btree (status);

CREATE INDEX idx_earnings_node_date ON public.earnings_history USING btree (node_id, date DESC);

CREATE INDEX idx_earnings_date ON public.earnings_history USING btree (date);

ALTER TABLE public.user_nodes ADD CONSTRAINT user_nodes_user_id_fkey FOREIGN KEY (user_id) REFERENCES public.users (id) ON DELETE CASCADE;

ALTER TABLE public.user_nodes ADD CONSTRAINT user_nodes_node_id_fkey FOREIGN KEY (node_id) REFERENCES public.nodes (id) ON DELETE SET NULL;

ALTER TABLE public.node_requests ADD CONSTRAINT node_requests_user_id_fkey FOREIGN KEY (user_id) REFERENCES public.users (id) ON DELETE CASCADE;

ALTER TABLE public.node_stats_cache ADD CONSTRAINT node_stats_cache_node_id_fkey FOREIGN KEY (node_id) REFERENCES public.nodes (id) ON DELETE CASCADE;

ALTER TABLE public.earnings_history ADD CONSTRAINT earnings_history_node_id_fkey FOREIGN KEY (node_id) REFERENCES public.nodes (id) ON DELETE CASCADE;

CREATE TRIGGER trg_users_updated_at BEFORE UPDATE ON public.users FOR EACH ROW EXECUTE FUNCTION public.update_updated_at_column();

CREATE TRIGGER trg_node_requests_updated_at BEFORE UPDATE ON public.node_requests FOR EACH ROW EXECUTE FUNCTION public.update_updated_at_column();
