CREATE SCHEMA "Sales";
SET search_path TO "Sales";
CREATE TABLE "Customers" (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    "Full Name" text
);
