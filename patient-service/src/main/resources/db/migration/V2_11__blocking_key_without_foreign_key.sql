-- mpi_blocking_key's rows are written only by the statement that writes their match record
-- (matching.infrastructure.MatchIndex.file), and no match record is ever deleted: the foreign key
-- guarded nothing, yet checked each of a registration's ~6.4 keys with a query that also locked
-- the record just inserted (decisions §43). Dropping it is a catalog change: instant at a million.
alter table mpi_blocking_key drop constraint mpi_blocking_key_record_id_fkey;
