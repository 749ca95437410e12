-- creates shifts; existing for later migrations
CREATE TABLE public.shifts (
    id       bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    staff_id bigint    NOT NULL,
    during   tstzrange NOT NULL
);
