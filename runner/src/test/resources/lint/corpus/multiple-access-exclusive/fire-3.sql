-- fires: ALTER TABLE on one existing table and LOCK TABLE on another, inside BEGIN ... COMMIT
BEGIN;
ALTER TABLE public."Order Items" ADD COLUMN gift_wrap boolean;
LOCK TABLE public.orders IN ACCESS EXCLUSIVE MODE;
COMMIT;
