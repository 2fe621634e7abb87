-- A replay gives a failed transfer a new round of attempts; the count itself goes on, so
-- the history shows every attempt ever made.
alter table transfers add column attempts_at_replay integer not null default 0;
