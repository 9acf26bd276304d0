-- 20261204174503_service_role_grants down: memory_assets
-- revokes-access: revoke USAGE on schema public from blockchain_service
-- revokes-access: revoke SELECT, USAGE on sequence public.blockchain_audit_logs_log_id_seq from blockchain_service
-- revokes-access: revoke SELECT, USAGE on sequence public.cost_tracking_id_seq from blockchain_service
-- revokes-access: revoke DELETE, INSERT, SELECT, UPDATE on table public.access_grants from blockchain_service
-- revokes-access: revoke DELETE, INSERT, SELECT, UPDATE on table public.blockchain_audit_logs from blockchain_service
-- revokes-access: revoke DELETE, INSERT, SELECT, UPDATE on table public.cost_tracking from blockchain_service
-- revokes-access: revoke DELETE, INSERT, SELECT, UPDATE on table public.memory_assets from blockchain_service
-- revokes-access: revoke DELETE, INSERT, SELECT, UPDATE on table public.memory_batches from blockchain_service
-- revokes-access: revoke DELETE, INSERT, SELECT, UPDATE on table public.merkle_trees from blockchain_service
-- revokes-access: revoke DELETE, INSERT, SELECT, UPDATE on table public.minting_queue from blockchain_service
-- revokes-access: revoke DELETE, INSERT, SELECT, UPDATE on table public.transfer_history from blockchain_service
-- revokes-access: revoke DELETE, INSERT, SELECT, UPDATE on table public.version_history from blockchain_service
-- revokes-access: revoke DELETE, INSERT, SELECT, UPDATE on view public.active_memory_assets from blockchain_service
-- revokes-access: revoke DELETE, INSERT, SELECT, UPDATE on view public.batch_statistics from blockchain_service
-- revokes-access: revoke DELETE, INSERT, SELECT, UPDATE on view public.user_statistics from blockchain_service
--   Sessions of the role that use the privilege fail with "permission denied" from this migration on; make sure no service still needs it.

BEGIN;
SET LOCAL lock_timeout = '5s';
SET LOCAL statement_timeout = '30min';

REVOKE USAGE ON SCHEMA public FROM blockchain_service;

REVOKE SELECT, USAGE ON SEQUENCE public.blockchain_audit_logs_log_id_seq FROM blockchain_service;

REVOKE SELECT, USAGE ON SEQUENCE public.cost_tracking_id_seq FROM blockchain_service;

REVOKE DELETE, INSERT, SELECT, UPDATE ON TABLE public.access_grants FROM blockchain_service;

REVOKE DELETE, INSERT, SELECT, UPDATE ON TABLE public.blockchain_audit_logs FROM blockchain_service;

REVOKE DELETE, INSERT, SELECT, UPDATE ON TABLE public.cost_tracking FROM blockchain_service;

REVOKE DELETE, INSERT, SELECT, UPDATE ON TABLE public.memory_assets FROM blockchain_service;

REVOKE DELETE, INSERT, SELECT, UPDATE ON TABLE public.memory_batches FROM blockchain_service;

REVOKE DELETE, INSERT, SELECT, UPDATE ON TABLE public.merkle_trees FROM blockchain_service;

REVOKE DELETE, INSERT, SELECT, UPDATE ON TABLE public.minting_queue FROM blockchain_service;

REVOKE DELETE, INSERT, SELECT, UPDATE ON TABLE public.transfer_history FROM blockchain_service;

REVOKE DELETE, INSERT, SELECT, UPDATE ON TABLE public.version_history FROM blockchain_service;

REVOKE DELETE, INSERT, SELECT, UPDATE ON TABLE public.active_memory_assets FROM blockchain_service;

REVOKE DELETE, INSERT, SELECT, UPDATE ON TABLE public.batch_statistics FROM blockchain_service;

REVOKE DELETE, INSERT, SELECT, UPDATE ON TABLE public.user_statistics FROM blockchain_service;

COMMIT;
