-- Provider directory resources (FHIR Organization, Practitioner, PractitionerRole, Location): the
-- state of the directory-<Type>-<id> streams, written in the same transaction as their events.
-- Not to be confused with the table organization (the HIE's member organizations).
create table directory_resource (
    resource_type  text         not null,
    id             uuid         not null,
    version        bigint       not null,
    resource       jsonb        not null,
    -- every name and name part in lower case, for the name search (prefix match)
    names          text[]       not null default '{}',
    last_updated   timestamptz  not null,
    primary key (resource_type, id)
);

-- What a directory resource is found by: its identifiers (a missing system is ''). Not unique:
-- FHIR lets two resources share one; a conditional create refuses to choose between them (412).
create table directory_identifier (
    resource_type  text  not null,
    system         text  not null,
    value          text  not null,
    id             uuid  not null,
    primary key (resource_type, system, value, id),
    foreign key (resource_type, id) references directory_resource (resource_type, id) on delete cascade
);

create index directory_identifier_of_resource on directory_identifier (resource_type, id);
