-- safe (lexer trap): the rename is only text inside a DO $$ ... $$ body
DO $$
BEGIN
    IF to_regclass('public.purchase_orders') IS NULL THEN
        RAISE NOTICE 'ALTER TABLE orders RENAME TO purchase_orders; is planned for the next release';
    END IF;
END
$$;
