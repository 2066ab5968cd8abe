-- Probabilistic matching (issue 12): the demographics of every registration that registered or
-- linked a person, and the blocking keys they are filed under (matching.domain.BlockingKeys), so
-- that finding candidates is a few index look-ups, never a scan. Written in the transaction that
-- appends the events; derived from them (persons registered before this migration have no rows
-- until a rebuild, which does not exist yet: they are found by identifier and the exact rule only).
create table mpi_match_record (
    record_id     bigserial    primary key,
    person_id     uuid         not null,
    organization  text         not null,   -- the submitting organization
    given         text,
    family        text,
    birth_date    date,
    gender        text,
    phone         text,
    address_line  text,
    postal_code   text,
    ssn           text,
    recorded_at   timestamptz  not null default now()
);
create index mpi_match_record_person on mpi_match_record (person_id, organization);

create table mpi_blocking_key (
    key        text    not null,
    record_id  bigint  not null references mpi_match_record (record_id),
    primary key (key, record_id)
);
