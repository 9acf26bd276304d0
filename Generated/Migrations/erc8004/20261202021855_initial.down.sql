-- 20261202021855_initial down: erc8004
-- destructive: drop table public.users
-- destructive: drop table public.triggers
-- destructive: drop table public.trigger_conditions
-- destructive: drop table public.trigger_actions
-- destructive: drop table public.trigger_state
-- destructive: drop table public.events
-- destructive: drop table public.checkpoints
-- destructive: drop table public.action_results
-- destructive: drop table public.agent_mcp_tokens

ALTER TABLE public.triggers DROP CONSTRAINT triggers_user_id_fkey;

ALTER TABLE public.trigger_conditions DROP CONSTRAINT trigger_conditions_trigger_id_fkey;

ALTER TABLE public.trigger_actions DROP CONSTRAINT trigger_actions_trigger_id_fkey;

ALTER TABLE public.trigger_state DROP CONSTRAINT trigger_state_trigger_id_fkey;

ALTER TABLE public.action_results DROP CONSTRAINT action_results_trigger_id_fkey;

DROP TABLE public.users;

DROP TABLE public.triggers;

DROP TABLE public.trigger_conditions;

DROP TABLE public.trigger_actions;

DROP TABLE public.trigger_state;

DROP TABLE public.events;

DROP TABLE public.checkpoints;

DROP TABLE public.action_results;

DROP TABLE public.agent_mcp_tokens;

DROP FUNCTION public.update_updated_at_column();

DROP FUNCTION public.notify_new_event();

DROP EXTENSION pgcrypto;
