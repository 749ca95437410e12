-- fires: explicit nextval() default on an existing table
ALTER TABLE public.customers
    ADD COLUMN member_no bigint NOT NULL DEFAULT nextval('public.customers_member_no_seq'::regclass);
