-- fires: the table was created by an earlier migration and may hold rows
ALTER TABLE public.line_items
    ADD COLUMN line_total numeric(14,2) GENERATED ALWAYS AS (unit_price * quantity) STORED;
