-- fires: an integer identity column, and the table-level primary key declared separately
CREATE TABLE public.post_reports (
    id        int GENERATED ALWAYS AS IDENTITY,
    reason    text NOT NULL,
    CONSTRAINT post_reports_pkey PRIMARY KEY (id)
);
