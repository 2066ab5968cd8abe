-- A writer whose transaction manager tells the event store when it commits asks for the outbox's
-- NOTIFY after its commit, from another connection (chartstream.outbox_notify = 'after-commit',
-- transaction-local): a NOTIFY in the writer's own transaction takes PostgreSQL's notify lock at
-- commit and holds it through the commit's WAL flush, so notifying writers commit one at a time
-- (docs/decisions.md §38). Every other writer is notified for as before.
create or replace function es_outbox_notify() returns trigger language plpgsql as $$
begin
    if current_setting('chartstream.outbox_notify', true) is distinct from 'after-commit' then
        perform pg_notify('es_outbox', '');
    end if;
    return null;
end $$;
