-- The audit trail: every disclosure, refusal, relationship, consent and administrative action, as
-- a hash chain (see io.chartstream.exchange.audit.domain.AuditChain). Not a view: it is never
-- rebuilt, only appended to, and a record is never changed or removed.
create schema if not exists audit;

create table audit.audit_log (
    sequence bigint primary key,
    source_event_id uuid not null unique,
    recorded timestamptz not null,
    type text not null,
    subtype text not null,
    action text not null,
    outcome text not null,
    agent_user text,
    agent_organization text,
    purpose_of_use text,
    source text not null,
    patient uuid,
    entities text[] not null,
    detail text,
    previous_hash text not null,
    hash text not null
);
create index audit_log_patient on audit.audit_log (patient, recorded);
create index audit_log_recorded on audit.audit_log (recorded);

-- the last record the exchange appended: records cut off the end or added past it are found
create table audit.audit_head (
    id int primary key check (id = 1),
    sequence bigint not null,
    hash text not null
);

-- append only: an UPDATE, DELETE or TRUNCATE by the service's role is refused
create function audit.refuse_change() returns trigger language plpgsql as $$
begin
    raise exception 'the audit trail is append-only: % refused', tg_op;
end
$$;
create trigger audit_log_append_only before update or delete on audit.audit_log
    for each row execute function audit.refuse_change();
create trigger audit_log_no_truncate before truncate on audit.audit_log
    for each statement execute function audit.refuse_change();
