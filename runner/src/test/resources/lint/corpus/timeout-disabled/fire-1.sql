-- fires: lock_timeout = 0 lets the ALTER wait forever for its lock while queueing everyone behind it
SET lock_timeout = 0;
ALTER TABLE public.orders ADD COLUMN note text;
