-- fires: RENAME VALUE breaks running app versions that still write or compare the old label
ALTER TYPE public.order_status RENAME VALUE 'canceled' TO 'cancelled';
