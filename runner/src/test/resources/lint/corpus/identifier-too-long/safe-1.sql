-- safe: exactly 63 bytes; longer text only in a string and this comment: community_moderator_invitation_acceptance_history_by_instance_admin
CREATE TABLE public.community_moderator_invitation_acceptance_history_by_instance_a (
    id   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    note text NOT NULL DEFAULT 'community_moderator_invitation_acceptance_history_by_instance_admin'
);
