-- fires: named composite PRIMARY KEY on a quoted-identifier table
alter table public."Order Items"
    add constraint "Order Items_pkey" primary key (order_id, line_no);
