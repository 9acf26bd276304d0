-- 20261204174503_service_role_grants up: memory_assets

BEGIN;
SET LOCAL lock_timeout = '5s';
SET LOCAL statement_timeout = '30min';

GRANT USAGE ON SCHEMA public TO blockchain_service;

GRANT SELECT, USAGE ON SEQUENCE public.blockchain_audit_logs_log_id_seq TO blockchain_service;

GRANT SELECT, USAGE ON SEQUENCE public.cost_tracking_id_seq TO blockchain_service;

GRANT DELETE, INSERT, SELECT, UPDATE ON TABLE public.access_grants TO blockchain_service;

GRANT DELETE, INSERT, SELECT, UPDATE ON TABLE public.blockchain_audit_logs TO blockchain_service;

GRANT DELETE, INSERT, SELECT, UPDATE ON TABLE public.cost_tracking TO blockchain_service;

GRANT DELETE, INSERT, SELECT, UPDATE ON TABLE public.memory_assets TO blockchain_service;

GRANT DELETE, INSERT, SELECT, UPDATE ON TABLE public.memory_batches TO blockchain_service;

GRANT DELETE, INSERT, SELECT, UPDATE ON TABLE public.merkle_trees TO blockchain_service;

GRANT DELETE, INSERT, SELECT, UPDATE ON TABLE public.minting_queue TO blockchain_service;

GRANT DELETE, INSERT, SELECT, UPDATE ON TABLE public.transfer_history TO blockchain_service;

GRANT DELETE, INSERT, SELECT, UPDATE ON TABLE public.version_history TO blockchain_service;

GRANT DELETE, INSERT, SELECT, UPDATE ON TABLE public.active_memory_assets TO blockchain_service;

GRANT DELETE, INSERT, SELECT, UPDATE ON TABLE public.batch_statistics TO blockchain_service;

GRANT DELETE, INSERT, SELECT, UPDATE ON TABLE public.user_statistics TO blockchain_service;

COMMIT;
