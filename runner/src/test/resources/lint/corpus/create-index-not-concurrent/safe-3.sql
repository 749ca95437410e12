-- safe (lexer trap): the CREATE INDEX text is inside a string literal and a comment only
-- CREATE INDEX orders_total_idx ON orders (total);  <- done later, concurrently
COMMENT ON TABLE public.orders IS 'Run CREATE INDEX orders_total_idx ON orders (total); only CONCURRENTLY';
