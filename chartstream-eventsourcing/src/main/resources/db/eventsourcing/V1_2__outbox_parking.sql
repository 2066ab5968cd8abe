-- Parked outbox rows: events Kafka refused for good (larger than the broker's message size, an
-- invalid topic). The relay moves such a row here instead of retrying it forever, so nobody
-- else's events wait behind it; the later events with the same order key (the Kafka key: the
-- subject, else the stream) stay in the outbox and wait, so one person's events never overtake
-- each other. An operator redrives a row (back into the outbox) once the cause is fixed.
create table es_outbox_parked (
    position  bigint      primary key references es_event (position),
    topic     text,                                   -- null: the service's record topic
    order_key text        not null,
    reason    text        not null,
    parked_at timestamptz not null default now()
);

create index es_outbox_parked_order_key on es_outbox_parked (order_key);
