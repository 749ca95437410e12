-- fires: FOREIGN KEY NOT VALID and VALIDATE between BEGIN and COMMIT
BEGIN;
alter table public."Order Items"
    add constraint "Order Items_order_id_fkey"
    foreign key (order_id) references public.orders (id) not valid;
alter table public."Order Items" validate constraint "Order Items_order_id_fkey";
COMMIT;
