-- fires: DROP without the optional COLUMN keyword is still a column drop
ALTER TABLE public.orders DROP gift_message;
