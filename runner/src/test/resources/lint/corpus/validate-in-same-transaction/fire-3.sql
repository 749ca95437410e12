-- fires: the script config forces one transaction around NOT VALID + VALIDATE
ALTER TABLE public.customers
    ADD CONSTRAINT customers_email_has_at CHECK (position('@' in email) > 1) NOT VALID;
ALTER TABLE public.customers VALIDATE CONSTRAINT customers_email_has_at;
