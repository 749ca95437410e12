-- fires: the table was created by an EARLIER migration, so it is existing and may hold data
CREATE INDEX shipments_order_id_idx ON public.shipments USING btree (order_id);
