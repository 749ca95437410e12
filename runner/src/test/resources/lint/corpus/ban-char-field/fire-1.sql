-- fires: char(2) pads with spaces
CREATE TABLE public.countries (
    code char(2) PRIMARY KEY,
    name text NOT NULL
);
