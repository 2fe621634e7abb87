-- The drop folder delivery (a file, a sedex message) that raised an event: what a later
-- delivery that withdraws it (a sedex recall) cancels. Names only, never content.
alter table events add column delivery_institution_id text;
alter table events add column delivery_id text;
create index events_delivery on events (delivery_institution_id, delivery_id) where delivery_id is not null;

-- Deliveries withdrawn by a later one (a sedex recall names the message it recalls): what
-- they raised is cancelled, and one that arrives after its withdrawal is not imported.
create table withdrawn_deliveries (
  institution_id text not null,
  delivery_id    text not null,
  withdrawn_by   text not null,
  withdrawn_at   timestamptz not null default date_trunc('milliseconds', now()),
  primary key (institution_id, delivery_id)
);
