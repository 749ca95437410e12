-- fires: CREATE TYPE is DDL when an UPDATE is in the same migration
CREATE TYPE public.order_priority AS ENUM ('low', 'normal', 'high');
update public.orders
   set total = round(total, 2)
 where total <> round(total, 2);
