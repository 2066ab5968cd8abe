-- exchange-service state tables. The event store (es_event, es_outbox) comes from the runtime's
-- own migrations; organization views live in the projection's schema view_org_views.

-- Provider directory: the state of the organization-<id> streams, written in the same
-- transaction as their events. The webhook secret lives only here, never in an event.
create table organization (
    org_id          text         primary key,
    name            text         not null,
    webhook_url     text,
    webhook_secret  text,
    version         bigint       not null,
    registered_at   timestamptz  not null default now()
);

-- The last ViewChanged event number of each organization's feed. Its row lock serializes
-- the appends to one feed, so numbers have no gaps and commit in order.
create table org_feed_counter (
    organization  text    primary key,
    last_number   bigint  not null
);

-- Webhook delivery per organization: the last acknowledged event number and the retry state.
create table webhook_delivery (
    organization     text         primary key,
    delivered        bigint       not null default 0,
    failed_attempts  int          not null default 0,
    next_attempt_at  timestamptz  not null default now(),
    last_status      int,
    last_error       text,
    updated_at       timestamptz  not null default now()
);

-- Idempotency-Key of forwarded writes: (organization, key) -> request fingerprint -> answer.
create table idempotent_request (
    organization   text         not null,
    idem_key       text         not null,
    request_hash   text         not null,
    claimed_at     timestamptz  not null default now(),
    status         int,
    content_type   text,
    body           text,
    etag           text,
    location       text,
    position       text,
    primary key (organization, idem_key)
);
