-- safe: the plain form is only in this comment; the statement is CONCURRENTLY, alone
-- ALTER TABLE events DETACH PARTITION events_2022;  would block reads and writes on events
alter table events
    detach partition events_2022
    concurrently;
