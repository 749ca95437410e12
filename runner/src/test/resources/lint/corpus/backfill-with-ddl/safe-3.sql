-- safe (lexer trap): UPDATE and ALTER only inside a $body$ function body; CREATE FUNCTION alone is harmless
CREATE OR REPLACE FUNCTION public.touch_order(p_id bigint)
RETURNS void
LANGUAGE plpgsql
AS $body$
BEGIN
    UPDATE public.orders SET placed_at = now() WHERE id = p_id;
    -- ALTER TABLE orders ADD COLUMN touched boolean;  (not needed)
    DELETE FROM public.order_notes WHERE order_id = p_id AND body = '';
END;
$body$;
