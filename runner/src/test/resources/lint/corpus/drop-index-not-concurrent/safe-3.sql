-- safe (lexer trap): DROP INDEX only inside a nested block comment
/* Cleanup plan:
   /* step 1 (done in V3): build the replacement concurrently */
   DROP INDEX orders_customer_id_idx;
   step 2 will do the drop CONCURRENTLY in its own migration
*/
ALTER TABLE public.orders ADD COLUMN IF NOT EXISTS cleanup_note text;
