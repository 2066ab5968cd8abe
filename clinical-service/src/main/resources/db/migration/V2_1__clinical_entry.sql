-- The current version of every clinical entry, written in the same transaction as the entry's
-- events (es_event), so it is never behind the event store. Reads and searches by person come
-- from here; the event store stays the source of truth (the table can be refilled from it).
create table clinical_entry (
    entry_id       uuid         primary key,
    person_id      uuid         not null,           -- enterprise person id (the subject)
    resource_type  text         not null,           -- Observation, Condition, MedicationRequest, AllergyIntolerance
    version        bigint       not null,           -- stream version of entry-<entry_id> = meta.versionId
    organization   text         not null,           -- the organization that recorded the entry
    practitioner   text,                            -- practitioner behind the current version
    resource       jsonb        not null,           -- current FHIR resource, id = entry_id
    last_position  bigint       not null,           -- es_event position of the current version
    recorded_at    timestamptz  not null,
    updated_at     timestamptz  not null
);

create index clinical_entry_by_person on clinical_entry (person_id, resource_type, recorded_at);
