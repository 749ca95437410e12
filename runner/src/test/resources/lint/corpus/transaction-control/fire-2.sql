-- fires: an explicit block inside the transaction Flyway opens; END commits Flyway's transaction early
begin isolation level serializable;
ALTER TABLE public.orders ADD COLUMN note text;
end;
