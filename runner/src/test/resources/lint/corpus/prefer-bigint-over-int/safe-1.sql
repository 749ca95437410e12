-- safe: integer data columns (counts, a member of a composite key) stay integer; ints in casts and functions do not count
CREATE TABLE public.post_votes (
    post_id   bigint  NOT NULL,
    voter_id  bigint  NOT NULL,
    score     integer NOT NULL DEFAULT 0::int,
    position  int     NOT NULL,
    PRIMARY KEY (post_id, position)
);
CREATE FUNCTION public.clamp_score(s int) RETURNS int
    LANGUAGE sql IMMUTABLE
    AS $$ SELECT greatest(-1, least(1, s))::integer $$;
