-- fires: even fixing a typo renames a label the app may use
ALTER TYPE public.shipping_speed RENAME VALUE 'expres' TO 'express';
