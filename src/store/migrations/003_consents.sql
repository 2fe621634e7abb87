-- Consents recorded at the gateway (a signed form scanned at the counter). The consent
-- holds categories, purposes and recipients, never a personal value; the person is the
-- keyed pseudonym, the form is referred to by its hash.
create table consents (
  id              text primary key,
  person_ref      text not null,
  institution_id  text not null,
  consent         jsonb not null,
  document_sha256 text not null,
  recorded_by     text not null,
  recorded_at     timestamptz not null default date_trunc('milliseconds', now())
);
create index consents_person on consents (person_ref);

-- The pseudonym of the person's AHV number, learnt when a record is read, so that an
-- officer can search by it.
alter table transfers add column vn_ref text;
create index transfers_vn on transfers (vn_ref);

-- The officer searches the audit by person and by recipient.
create index audit_person on audit_entries (person_ref, seq);
create index audit_kind on audit_entries (kind, seq);
