-- safe: add the new label next to the old one instead of renaming it
ALTER TYPE public.order_status ADD VALUE 'cancelled' AFTER 'canceled';
