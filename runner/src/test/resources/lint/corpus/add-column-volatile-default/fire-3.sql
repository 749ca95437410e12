-- fires: GENERATED ... AS IDENTITY fills every existing row: the table is rewritten
ALTER TABLE public."Order Items"
    ADD COLUMN line_id bigint GENERATED ALWAYS AS IDENTITY;
