-- fires: bare "character" is char(1)
CREATE TABLE public.grades (student_id bigint NOT NULL, grade character NOT NULL);
