-- fires: LOCK without the TABLE keyword, NOWAIT, lower case
lock public.customers in access exclusive mode nowait;
