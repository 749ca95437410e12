-- fires: the table was created by an EARLIER migration, so it is existing and may hold data
CREATE INDEX parcels_order_id_idx ON public.parcels USING btree (order_id);
