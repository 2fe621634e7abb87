-- The latest snapshot of each person of a source without a change log (or of a file-based
-- source, whose transfers read it): encrypted like the inbox, one key per snapshot, destroyed
-- by deleting it. Ids only in clear; the digest tells a changed record without opening it.
create table snapshots (
  institution_id  text not null,
  local_person_id text not null,
  local_case_id   text not null,
  person_ref      text not null,
  version         text,
  digest          text not null,
  sealed          text not null,
  wrapped_key     text,
  -- Until the events of a change are taken, the snapshot before it is kept, so that a
  -- crash in between loses no event: the next read finds the change pending and takes them.
  previous_sealed text,
  previous_key    text,
  pending         boolean not null default false,
  updated_at      timestamptz not null default date_trunc('milliseconds', now()),
  primary key (institution_id, local_person_id)
);
create index snapshots_case on snapshots (institution_id, local_case_id);

-- Deliveries taken from drop folders, by name and digest: a restart neither misses nor
-- repeats one. The report holds codes, fields and native ids, never a value.
create table file_pickups (
  institution_id text not null,
  delivery_id    text not null,
  digest         text not null,
  state          text not null,
  records        integer not null default 0,
  rejected       integer not null default 0,
  events         integer not null default 0,
  report         jsonb not null default '{}'::jsonb,
  picked_at      timestamptz not null default date_trunc('milliseconds', now()),
  primary key (institution_id, delivery_id, digest)
);

-- A delivery to a file or message system is answered later: what it was called, and until
-- when its answer is awaited.
alter table transfers add column delivery_ref text;
alter table transfers add column receipt_due_at timestamptz;
create index transfers_delivery_ref on transfers (target_institution_id, delivery_ref);
create index transfers_receipt_due on transfers (state, receipt_due_at);

-- Webhook deliveries taken: a replayed delivery id creates nothing.
create table webhook_deliveries (
  institution_id text not null,
  delivery_id    text not null,
  received_at    timestamptz not null default date_trunc('milliseconds', now()),
  primary key (institution_id, delivery_id)
);
