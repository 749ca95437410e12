-- fires: ADD VALUE without BEFORE/AFTER appends the label at the end of the enum's sort order
ALTER TYPE public.order_status ADD VALUE 'refunded';
