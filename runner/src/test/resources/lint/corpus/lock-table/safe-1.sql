-- safe: no LOCK statement; lock_timeout is a setting, not a LOCK
SET lock_timeout = '2s';
ALTER TABLE public.orders ADD COLUMN note text;
