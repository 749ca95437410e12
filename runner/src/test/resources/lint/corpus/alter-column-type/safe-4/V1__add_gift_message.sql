-- adds orders.gift_message varchar(100) (the old type is known from this ADD COLUMN)
ALTER TABLE public.orders ADD COLUMN gift_message varchar(100);
