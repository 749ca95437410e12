-- fires: unnamed FOREIGN KEY on a quoted-identifier table, with ON DELETE CASCADE
alter table public."Order Items"
    add foreign key (order_id) references public.orders (id) on delete cascade;
