-- safe (lexer trap): E'' string with \' escapes holding DROP TABLE text
COMMENT ON TABLE public.orders IS E'Don\'t DROP TABLE orders; billing still reads it.\nOwner: shop team';
