-- 20261202021901_initial down: minegnk
-- destructive: drop table public.users
-- destructive: drop table public.nodes
-- destructive: drop table public.user_nodes
-- destructive: drop table public.node_requests
-- destructive: drop table public.node_stats_cache
-- destructive: drop table public.earnings_history

ALTER TABLE public.user_nodes DROP CONSTRAINT user_nodes_user_id_fkey;

ALTER TABLE public.user_nodes DROP CONSTRAINT user_nodes_node_id_fkey;

ALTER TABLE public.node_requests DROP CONSTRAINT node_requests_user_id_fkey;

ALTER TABLE public.node_stats_cache DROP CONSTRAINT node_stats_cache_node_id_fkey;

ALTER TABLE public.earnings_history DROP CONSTRAINT earnings_history_node_id_fkey;

DROP TABLE public.users;

DROP TABLE public.nodes;

DROP TABLE public.user_nodes;

DROP TABLE public.node_requests;

DROP TABLE public.node_stats_cache;

DROP TABLE public.earnings_history;

DROP FUNCTION public.update_updated_at_column();

DROP EXTENSION "uuid-ossp";
