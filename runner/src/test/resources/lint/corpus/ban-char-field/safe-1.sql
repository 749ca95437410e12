-- safe: varchar, character varying, the one-byte "char" type, and char(2) only in a cast
CREATE TABLE public.regions (
    code    varchar(2)            NOT NULL,
    label   character varying(40) NOT NULL,
    kind    "char"                NOT NULL,
    country text                  NOT NULL DEFAULT 'NL'::char(2)
);
