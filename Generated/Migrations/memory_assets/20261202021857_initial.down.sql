-- 20261202021857_initial down: memory_assets
-- destructive: drop table public.memory_batches
-- destructive: drop table public.memory_assets
-- destructive: drop table public.access_grants
-- destructive: drop table public.transfer_history
-- destructive: drop table public.minting_queue
-- destructive: drop table public.blockchain_audit_logs
-- destructive: drop table public.version_history
-- destructive: drop table public.merkle_trees
-- destructive: drop table public.cost_tracking

DROP VIEW public.active_memory_assets;

DROP VIEW public.batch_statistics;

DROP VIEW public.user_statistics;

ALTER TABLE public.memory_assets DROP CONSTRAINT memory_assets_batch_id_fkey;

ALTER TABLE public.access_grants DROP CONSTRAINT access_grants_asset_id_fkey;

ALTER TABLE public.transfer_history DROP CONSTRAINT transfer_history_asset_id_fkey;

ALTER TABLE public.minting_queue DROP CONSTRAINT minting_queue_batch_id_fkey;

ALTER TABLE public.version_history DROP CONSTRAINT version_history_asset_id_fkey;

ALTER TABLE public.cost_tracking DROP CONSTRAINT cost_tracking_batch_id_fkey;

DROP TABLE public.memory_batches;

DROP TABLE public.memory_assets;

DROP TABLE public.access_grants;

DROP TABLE public.transfer_history;

DROP TABLE public.minting_queue;

DROP TABLE public.blockchain_audit_logs;

DROP TABLE public.version_history;

DROP TABLE public.merkle_trees;

DROP TABLE public.cost_tracking;

DROP FUNCTION public.update_updated_at_column();

DROP EXTENSION pgcrypto;
