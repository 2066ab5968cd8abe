-- An entry entered in error (FHIR DELETE) keeps its row, marked: a read answers 410 Gone rather
-- than 404, a repeated DELETE finds it, and searches leave it out. resource and version are its
-- last version, the one the EntryEnteredInError event carries (status entered-in-error).
alter table clinical_entry add column entered_in_error_at timestamptz;   -- null: in the record
