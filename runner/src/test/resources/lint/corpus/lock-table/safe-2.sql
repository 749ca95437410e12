-- safe (lexer trap): LOCK TABLE only in a string and a -- comment
-- LOCK TABLE orders IN ACCESS EXCLUSIVE MODE;  <- never in a migration: DDL takes the lock it needs
COMMENT ON TABLE public.orders IS 'LOCK TABLE orders IN ACCESS EXCLUSIVE MODE before a bulk import';
