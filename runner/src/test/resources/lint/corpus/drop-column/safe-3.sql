-- safe (lexer trap): a backslash does not escape the quote in a standard string, so the DROP COLUMN is text
COMMENT ON COLUMN public.orders.total IS 'exported to C:\exports\';
COMMENT ON TABLE public.orders IS 'note: ALTER TABLE orders DROP COLUMN total; was reverted';
