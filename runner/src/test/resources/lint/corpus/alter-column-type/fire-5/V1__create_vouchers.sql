-- creates vouchers with code varchar(20)
CREATE TABLE public.vouchers (
    id     bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    code   varchar(20)   NOT NULL,
    amount numeric(10,2) NOT NULL
);
