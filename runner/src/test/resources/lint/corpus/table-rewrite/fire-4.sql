-- fires: SET ACCESS METHOD rewrites the table (quoted identifier)
ALTER TABLE public."Order Items" SET ACCESS METHOD heap;
