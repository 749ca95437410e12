-- safe: only one EXISTING table is locked; the other table is new in this migration
CREATE TABLE public.order_tags (
    order_id bigint NOT NULL,
    tag      text   NOT NULL
);
ALTER TABLE public.order_tags ADD COLUMN added_at timestamptz NOT NULL DEFAULT now();
ALTER TABLE public.orders ADD COLUMN tag_count integer;
