-- safe: the new label's position is explicit (AFTER)
ALTER TYPE public.order_status ADD VALUE 'refunded' AFTER 'paid';
