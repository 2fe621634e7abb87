-- No global lock on the audit log: an entry is written with the state change it records
-- (same transaction, nothing lost), without its place in the chain; one sequencer at a
-- time (an advisory lock per round) then gives written entries their place (`seq`), the
-- previous hash and their own, in batches, in one total order. `id` is the order entries
-- were written in; `seq` the order of the chain.
alter table audit_entries add column id bigint;
update audit_entries set id = seq;
create sequence audit_entries_id_seq owned by audit_entries.id;
select setval('audit_entries_id_seq', greatest((select max(seq) from audit_entries), 1));
alter table audit_entries alter column id set default nextval('audit_entries_id_seq');
alter table audit_entries alter column id set not null;
alter table audit_entries drop constraint audit_entries_pkey;
alter table audit_entries add primary key (id);
alter table audit_entries alter column seq drop default;
alter table audit_entries alter column seq drop not null;
create unique index audit_entries_seq on audit_entries (seq);
create index audit_entries_unchained on audit_entries (id) where seq is null;
create index audit_transfer_id on audit_entries (transfer_id, id);

alter table audit_archive add column id bigint;
update audit_archive set id = seq;

-- The head of the chain and of its Merkle tree (RFC 9162): the roots of the tree's
-- perfect subtrees, from the left, so each batch extends the tree in O(log n).
alter table audit_head add column frontier jsonb not null default '[]'::jsonb;

-- A signed checkpoint is a tree head: its size, its Merkle root, and the chain's hash there.
alter table audit_checkpoints add column root_hash text;

-- Append-only still, but for the sequencer's one write: giving an entry written without
-- its place in the chain that place, once, leaving everything else as it was. Its own
-- function, since the shared one also guards tables without these columns.
create function audit_entries_guard() returns trigger language plpgsql as $$
begin
  if tg_op = 'DELETE' then
    if current_setting('passerelle.archiving', true) = 'on' and exists (select 1 from audit_archive a where a.seq = old.seq and a.hash = old.hash) then return old; end if;
  elsif old.seq is null and old.hash is null and new.seq is not null and new.hash is not null
    and (new.id, new.at, new.kind, new.actor, new.transfer_id, new.event_id, new.request_id, new.person_ref, new.institution_id, new.data)
      is not distinct from (old.id, old.at, old.kind, old.actor, old.transfer_id, old.event_id, old.request_id, old.person_ref, old.institution_id, old.data) then
    return new;
  end if;
  raise exception 'the audit log is append-only' using errcode = '42501';
end $$;
drop trigger audit_entries_append_only on audit_entries;
create trigger audit_entries_append_only before update or delete on audit_entries for each row execute function audit_entries_guard();

drop view audit_all;
create view audit_all as select * from audit_archive union all select * from audit_entries;
