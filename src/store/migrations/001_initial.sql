-- Events reported by source systems. The event id is the idempotency key. No personal
-- values: the AHV number of an event is not kept, the person is a keyed pseudonym.
create table events (
  event_id              text primary key,
  type                  text not null,
  source_system         text not null,
  source_institution_id text not null,
  local_case_id         text not null,
  local_person_id       text not null,
  person_ref            text not null,
  native_id             text,
  change                jsonb,
  target_institution_id text,
  consent_id            text,
  occurred_at           timestamptz not null,
  received_at           timestamptz not null default date_trunc('milliseconds', now()),
  outcome               jsonb not null
);
create index events_person on events (person_ref);

create table transfers (
  id                    uuid primary key,
  event_id              text not null references events (event_id),
  rule_id               text not null,
  source_system         text not null,
  source_institution_id text not null,
  target_institution_id text not null,
  target_system         text not null,
  purpose               text not null,
  legal_basis           text,
  state                 text not null,
  attempts              integer not null default 0,
  replays               integer not null default 0,
  cancel_requested      boolean not null default false,
  person_ref            text not null,
  local_case_id         text not null,
  local_person_id       text not null,
  native_id             text,
  decision              jsonb,
  receipt               jsonb,
  error                 jsonb,
  payload_hash          text,
  created_at            timestamptz not null default date_trunc('milliseconds', now()),
  updated_at            timestamptz not null default date_trunc('milliseconds', now()),
  unique (event_id, target_institution_id, purpose)
);
create index transfers_state on transfers (state, updated_at);
create index transfers_target on transfers (target_institution_id, created_at);
create index transfers_person on transfers (person_ref);
create index transfers_created on transfers (created_at, id);

-- Append-only journal of everything that happened (hash chain comes later).
create table audit_entries (
  seq            bigserial primary key,
  at             timestamptz not null default date_trunc('milliseconds', now()),
  kind           text not null,
  actor          text not null,
  transfer_id    uuid,
  event_id       text,
  request_id     text,
  person_ref     text,
  institution_id text,
  data           jsonb not null default '{}'::jsonb
);
create index audit_transfer on audit_entries (transfer_id, seq);

-- What an institution without a system of its own fetches: the sealed record, encrypted.
create table inbox_items (
  transfer_id           uuid primary key references transfers (id),
  institution_id        text not null,
  source_institution_id text not null,
  purpose               text not null,
  sealed                text not null,
  wrapped_key           text,
  decision              jsonb not null,
  delivered_at          timestamptz not null default date_trunc('milliseconds', now()),
  acknowledged_at       timestamptz
);
create index inbox_institution on inbox_items (institution_id, delivered_at);

-- Native handles learnt from webhooks and polls (NFAM reads a case by its UUID).
create table case_refs (
  system         text not null,
  institution_id text not null,
  local_case_id  text not null,
  native_id      text not null,
  updated_at     timestamptz not null default date_trunc('milliseconds', now()),
  primary key (system, institution_id, local_case_id)
);

-- Revocations recorded at the gateway win over an older source record.
create table consent_revocations (
  consent_id  text not null,
  person_ref  text not null,
  revoked_on  date not null,
  event_id    text,
  recorded_at timestamptz not null default date_trunc('milliseconds', now()),
  primary key (consent_id, person_ref)
);
