-- fires: 32 characters but 64 bytes in UTF-8
CREATE INDEX CONCURRENTLY "ääääääääääääääääääääääääääääääää" ON public.orders (placed_at);
