-- Merges (issue 12, part 3; decisions §21): which person each merged person is replaced by,
-- written from PersonsMerged / PersonsUnmerged in the transaction that appends them (the events
-- stay the truth). Identifiers keep pointing at the person whose registration brought them;
-- a lookup follows merged_person_id -> survivor_person_id to the person of its own.
create table mpi_merge (
    merged_person_id    uuid         primary key,
    survivor_person_id  uuid         not null,
    merge_id            uuid         not null,
    merged_at           timestamptz  not null default now()
);
create index mpi_merge_survivor on mpi_merge (survivor_person_id);
