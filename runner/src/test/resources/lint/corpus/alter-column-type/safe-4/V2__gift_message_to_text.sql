-- safe: varchar(100) -> text is binary compatible
ALTER TABLE public.orders ALTER COLUMN gift_message TYPE text;
