-- Who speaks for a person: the installation of a source system that holds them, learnt
-- from its events, webhooks, polls and snapshots. No personal value: the pseudonym only.
create table persons (
  person_ref   text primary key,
  installation text not null,
  system       text not null,
  first_seen   timestamptz not null default date_trunc('milliseconds', now()),
  last_seen    timestamptz not null default date_trunc('milliseconds', now())
);

-- An event's idempotency key is its source institution with its eventId: the same id
-- from another institution is another event.
alter table transfers drop constraint transfers_event_id_fkey;
alter table transfers drop constraint transfers_event_id_target_institution_id_purpose_key;
alter table events drop constraint events_pkey;
alter table events add primary key (source_institution_id, event_id);
alter table transfers add constraint transfers_event_fkey foreign key (source_institution_id, event_id) references events (source_institution_id, event_id);
alter table transfers add constraint transfers_event_target_purpose_key unique (source_institution_id, event_id, target_institution_id, purpose);
create index transfers_event on transfers (source_institution_id, event_id);

-- A gateway consent lives in the namespace of the institution that recorded it, and its
-- revocation is its own: it never touches a consent of the source record.
alter table consents drop constraint consents_pkey;
alter table consents add column installation text;
alter table consents add column revoked_on date;
update consents set installation = institution_id where installation is null;
alter table consents alter column installation set not null;
alter table consents add primary key (institution_id, id);
update consents c set revoked_on = r.revoked_on from consent_revocations r where r.consent_id = c.id and r.person_ref = c.person_ref and r.event_id is null;
delete from consent_revocations r using consents c where r.consent_id = c.id and r.person_ref = c.person_ref and r.event_id is null;
