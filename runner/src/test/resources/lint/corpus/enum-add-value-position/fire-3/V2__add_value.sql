-- fires: ADD VALUE without a position on an enum from an earlier migration
ALTER TYPE public.payment_method ADD VALUE IF NOT EXISTS 'paypal';
