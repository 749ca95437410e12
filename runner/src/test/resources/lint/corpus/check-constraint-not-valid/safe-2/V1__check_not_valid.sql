-- safe: step 1, add the CHECK NOT VALID
ALTER TABLE public.customers
    ADD CONSTRAINT customers_full_name_len CHECK (char_length(full_name) <= 200) NOT VALID;
