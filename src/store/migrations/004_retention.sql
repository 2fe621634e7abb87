-- Retention: audit entries past their time move, unchanged, to the archive (itself
-- append-only); the chain runs on across the boundary. A row may leave audit_entries
-- only while archiving, and only when the archive holds it with the same hash.
create table audit_archive (like audit_entries including defaults);
alter table audit_archive add primary key (seq);
create trigger audit_archive_append_only before update or delete on audit_archive for each row execute function audit_append_only();
create trigger audit_archive_no_truncate before truncate on audit_archive for each statement execute function audit_append_only();

create or replace function audit_append_only() returns trigger language plpgsql as $$ begin if tg_op = 'DELETE' and tg_table_name = 'audit_entries' and current_setting('passerelle.archiving', true) = 'on' and exists (select 1 from audit_archive a where a.seq = old.seq and a.hash = old.hash) then return old; end if; raise exception 'the audit log is append-only' using errcode = '42501'; end $$;

-- The officer reads the whole log, archived or not.
create view audit_all as select * from audit_archive union all select * from audit_entries;
