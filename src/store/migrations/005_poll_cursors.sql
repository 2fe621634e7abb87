-- Where the poll of each source system stands, so a restart resumes it.
create table poll_cursors (
  institution_id text primary key,
  cursor         text not null,
  polled_at      timestamptz not null default date_trunc('milliseconds', now())
);
