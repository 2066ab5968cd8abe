-- The trail is appended in time order, so a block range index answers "recorded between" at a
-- fraction of a btree's cost per append (every audited read appends a record). The patient's
-- index stays a btree: it is what the accounting of disclosures reads.
drop index if exists audit.audit_log_recorded;
create index audit_log_recorded on audit.audit_log using brin (recorded);
