-- fires: one DROP TABLE statement naming two existing tables
DROP TABLE IF EXISTS public.legacy_events, public.legacy_sessions;
