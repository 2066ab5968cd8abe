-- Leader leases: the replica holding a leader's advisory lock (outbox relay, webhook dispatcher)
-- renews its row every second from a thread of its own. A frozen leader (SIGSTOP, a stalled VM)
-- keeps its session and so its lock; a standby that sees the lease stale for longer than the
-- lease terminates the holder's backend, which frees the lock, and takes over.
create table es_leader (
    lock_key   bigint      primary key,
    name       text        not null,
    pid        integer     not null,   -- the leader's backend, the one holding the lock
    renewed_at timestamptz not null
);
