-- safe: plain VACUUM alone in its migration; VACUUM FULL appears only in this comment
vacuum verbose public.customers;
