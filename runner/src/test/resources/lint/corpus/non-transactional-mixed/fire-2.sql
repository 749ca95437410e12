-- fires: a transactional ALTER TABLE mixed with a concurrent index build
ALTER TABLE public.orders ADD COLUMN tracking_code text;

CREATE INDEX CONCURRENTLY orders_tracking_code_idx
    ON public.orders (tracking_code);
