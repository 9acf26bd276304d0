-- 20261202021854_initial down: compute_pools
-- destructive: drop table public.compute_pools
-- destructive: drop table public.compute_nodes
-- destructive: drop table public.compute_offers
-- destructive: drop table public.pool_memberships
-- destructive: drop table public.challenges
-- destructive: drop table public.rewards
-- destructive: drop table public.trades
-- destructive: drop table public.price_snapshots
-- destructive: drop table public.price_snapshots_hourly
-- destructive: drop table public.price_snapshots_daily
-- destructive: drop table public.liquidity_events
-- destructive: drop table public.resource_allocations

DROP VIEW public.v_user_portfolio;

DROP VIEW public.v_node_performance;

DROP VIEW public.v_pool_leaderboard;

DROP VIEW public.v_active_pools;

ALTER TABLE public.compute_offers DROP CONSTRAINT compute_offers_node_id_fkey;

ALTER TABLE public.compute_offers DROP CONSTRAINT compute_offers_pool_id_fkey;

ALTER TABLE public.pool_memberships DROP CONSTRAINT pool_memberships_pool_id_fkey;

ALTER TABLE public.pool_memberships DROP CONSTRAINT pool_memberships_node_id_fkey;

ALTER TABLE public.challenges DROP CONSTRAINT challenges_node_id_fkey;

ALTER TABLE public.challenges DROP CONSTRAINT challenges_pool_id_fkey;

ALTER TABLE public.rewards DROP CONSTRAINT rewards_pool_id_fkey;

ALTER TABLE public.rewards DROP CONSTRAINT rewards_membership_id_fkey;

ALTER TABLE public.rewards DROP CONSTRAINT rewards_challenge_id_fkey;

ALTER TABLE public.trades DROP CONSTRAINT trades_pool_id_fkey;

ALTER TABLE public.trades DROP CONSTRAINT trades_offer_id_fkey;

ALTER TABLE public.price_snapshots DROP CONSTRAINT price_snapshots_pool_id_fkey;

ALTER TABLE public.price_snapshots_hourly DROP CONSTRAINT price_snapshots_hourly_pool_id_fkey;

ALTER TABLE public.price_snapshots_daily DROP CONSTRAINT price_snapshots_daily_pool_id_fkey;

ALTER TABLE public.liquidity_events DROP CONSTRAINT liquidity_events_pool_id_fkey;

ALTER TABLE public.liquidity_events DROP CONSTRAINT liquidity_events_membership_id_fkey;

ALTER TABLE public.resource_allocations DROP CONSTRAINT resource_allocations_offer_id_fkey;

ALTER TABLE public.resource_allocations DROP CONSTRAINT resource_allocations_trade_id_fkey;

ALTER TABLE public.resource_allocations DROP CONSTRAINT resource_allocations_node_id_fkey;

ALTER TABLE public.resource_allocations DROP CONSTRAINT resource_allocations_pool_id_fkey;

DROP TABLE public.compute_pools;

DROP TABLE public.compute_nodes;

DROP TABLE public.compute_offers;

DROP TABLE public.pool_memberships;

DROP TABLE public.challenges;

DROP TABLE public.rewards;

DROP TABLE public.trades;

DROP TABLE public.price_snapshots;

DROP TABLE public.price_snapshots_hourly;

DROP TABLE public.price_snapshots_daily;

DROP TABLE public.liquidity_events;

DROP TABLE public.resource_allocations;

DROP FUNCTION public.update_updated_at();

DROP FUNCTION public.calculate_swap_output(uuid, numeric, boolean);

DROP FUNCTION public.calculate_lp_tokens_to_mint(uuid, numeric, numeric);

DROP FUNCTION public.calculate_liquidity_removal(uuid, numeric);

DROP FUNCTION public.calculate_impermanent_loss(numeric, numeric);

DROP FUNCTION public.get_best_price(public.resource_type, boolean, numeric);

DROP FUNCTION public.calculate_trading_fee_rewards(uuid);

DROP FUNCTION public.calculate_pool_apr(uuid);

DROP FUNCTION public.create_challenge(uuid, uuid, public.challenge_type, jsonb);

DROP FUNCTION public.process_challenge_response(uuid, jsonb, numeric);

DROP FUNCTION public.fail_expired_challenges();

DROP TYPE public.resource_type;

DROP TYPE public.pool_status;

DROP TYPE public.node_status;

DROP TYPE public.offer_status;

DROP TYPE public.membership_role;

DROP TYPE public.challenge_type;

DROP TYPE public.challenge_status;

DROP TYPE public.reward_type;

DROP TYPE public.liquidity_event_type;

DROP TYPE public.allocation_status;

DROP DOMAIN public.uint256;

DROP EXTENSION "uuid-ossp";

DROP EXTENSION pgcrypto;
