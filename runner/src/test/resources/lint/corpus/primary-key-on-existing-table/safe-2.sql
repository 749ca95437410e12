-- safe: PRIMARY KEY inside CREATE TABLE (column and table constraint forms)
CREATE TABLE public.loyalty_accounts (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    customer_id bigint  NOT NULL REFERENCES public.customers (id),
    points      integer NOT NULL DEFAULT 0
);
CREATE TABLE public.loyalty_ledger (
    account_id bigint      NOT NULL REFERENCES public.loyalty_accounts (id),
    entry_no   integer     NOT NULL,
    delta      integer     NOT NULL,
    booked_at  timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT loyalty_ledger_pkey PRIMARY KEY (account_id, entry_no)
);
