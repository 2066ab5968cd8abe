-- The MPI's write-side lookup tables, written in the same transaction as the person's events
-- (the events stay the truth; these can be rebuilt from es_event).

-- Which enterprise person an organization-local identifier points at. The primary key on
-- (system, value) is what stops two concurrent registrations of one new identifier from
-- creating two persons: the second insert waits for the first and then finds it taken.
create table mpi_identifier (
    system         text         not null,
    value          text         not null,
    person_id      uuid         not null,
    organization   text         not null,   -- the organization that first registered it
    registered_at  timestamptz  not null default now(),
    primary key (system, value)
);
create index mpi_identifier_person on mpi_identifier (person_id);
create index mpi_identifier_value on mpi_identifier (value);

-- The exact-match key of each person's first registration (trimmed, lower case).
create table mpi_demographics (
    person_id   uuid  primary key,
    given_key   text  not null,
    family_key  text  not null,
    birth_date  date  not null
);
create index mpi_demographics_key on mpi_demographics (family_key, given_key, birth_date);
