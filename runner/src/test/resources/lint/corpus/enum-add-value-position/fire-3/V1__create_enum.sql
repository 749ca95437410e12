-- creates the enum; existing for later migrations
CREATE TYPE public.payment_method AS ENUM ('card', 'invoice', 'voucher');
