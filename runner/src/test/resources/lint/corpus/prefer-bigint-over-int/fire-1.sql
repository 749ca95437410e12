-- fires: a serial primary key runs out at 2,147,483,647
CREATE TABLE public.comment_likes (
    id         serial PRIMARY KEY,
    comment_id bigint NOT NULL
);
