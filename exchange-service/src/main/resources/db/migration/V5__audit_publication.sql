-- How far the audit trail was published to chartstream.audit.events (for an external SIEM) and
-- anchored on chartstream.audit.anchors (the chain's head, kept outside this database).
create table audit.audit_publication (
    id int primary key check (id = 1),
    published_sequence bigint not null,
    anchored_sequence bigint not null
);
insert into audit.audit_publication (id, published_sequence, anchored_sequence) values (1, 0, 0);
