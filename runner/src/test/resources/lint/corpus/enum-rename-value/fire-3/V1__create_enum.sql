-- creates the enum; existing for later migrations
CREATE TYPE public.shipping_speed AS ENUM ('standard', 'expres');
