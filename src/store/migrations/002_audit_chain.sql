-- The audit log is hash-chained: each entry carries the hash of the one before and its
-- own (SHA-256 over a canonical serialisation), so an edited, removed, inserted or
-- reordered entry breaks the chain from there on.
alter table audit_entries add column prev_hash text;
alter table audit_entries add column hash text;
create unique index audit_hash on audit_entries (hash);

-- The head of the chain, one row: appenders lock it (FOR UPDATE) so the chain never forks.
create table audit_head (
  id   integer primary key check (id = 1),
  seq  bigint not null,
  hash text not null
);
insert into audit_head (id, seq, hash) values (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

-- Signed heads of the chain: a truncated log falls short of its last checkpoint.
create table audit_checkpoints (
  seq        bigint primary key,
  hash       text not null,
  at         timestamptz not null,
  jws        text not null
);

-- Append-only in the database itself, whoever connects.
create function audit_append_only() returns trigger language plpgsql as $$ begin raise exception 'the audit log is append-only' using errcode = '42501'; end $$;
create trigger audit_entries_append_only before update or delete on audit_entries for each row execute function audit_append_only();
create trigger audit_entries_no_truncate before truncate on audit_entries for each statement execute function audit_append_only();
create trigger audit_checkpoints_append_only before update or delete on audit_checkpoints for each row execute function audit_append_only();
revoke update, delete, truncate on audit_entries, audit_checkpoints from public;
