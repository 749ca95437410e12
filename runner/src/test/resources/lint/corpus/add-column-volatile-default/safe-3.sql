-- safe (lexer trap): the volatile calls are only text inside constant string defaults
ALTER TABLE public.orders
    ADD COLUMN id_source text NOT NULL DEFAULT 'nextval(''orders_id_seq'')',
    ADD COLUMN sampling  text NOT NULL DEFAULT 'random()';
