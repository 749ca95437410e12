-- fires: a 67-byte table name is truncated to its first 63 bytes
CREATE TABLE public.community_moderator_invitation_acceptance_history_by_instance_admin (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY
);
