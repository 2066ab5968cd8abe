-- Event store of one service. Append-only: rows are never updated or deleted.
create table es_event (
    position        bigserial    primary key,         -- global position in this service's log
    stream_id       text         not null,
    stream_version  bigint       not null,            -- 1, 2, 3 ... per stream
    event_id        uuid         not null unique,
    event_type      text         not null,            -- io.chartstream.<service>.<Name>.v<N>
    subject         text         not null,            -- enterprise person id: the Kafka key
    data            jsonb        not null,
    metadata        jsonb        not null,
    recorded_at     timestamptz  not null default now(),
    constraint es_event_stream_version unique (stream_id, stream_version)
);

-- Outbox: one row per event not yet acknowledged by Kafka, written in the appending
-- transaction. The relay publishes rows as they become visible (that is, as their
-- transactions commit) and deletes them after the broker acknowledged them, so a row that
-- took a lower position but committed later is never skipped.
create table es_outbox (
    position bigint primary key references es_event (position),
    topic    text                                  -- null: the service's record topic
);

create function es_outbox_notify() returns trigger language plpgsql as $$
begin
    perform pg_notify('es_outbox', '');
    return null;
end $$;

create trigger es_outbox_notify after insert on es_outbox
    for each statement execute function es_outbox_notify();

-- Snapshots: the folded state of a stream at a version, to load long streams quickly.
create table es_snapshot (
    stream_id       text         primary key,
    stream_version  bigint       not null,
    snapshot_type   text         not null,
    state           jsonb        not null,
    taken_at        timestamptz  not null default now()
);
