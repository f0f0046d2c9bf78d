-- Scheduled jobs run on one instance at a time (cn.lantian.store.JobLeaseStore): one row per job (the
-- scheduler's identity of it, lantian-notices, lantian-overdue-cases, ...), naming the instance that holds it
-- and until when. An instance takes the lease with a conditional update (it holds it already, or the lease has
-- run out), renews it while it runs, and lets it go when it stops; the times come from the instances' clocks.
create table job_lease (
    job         varchar(100) primary key,
    holder      varchar(200) not null,
    -- when this holder took the lease (kept across its renewals)
    taken_at    timestamp with time zone not null,
    -- the lease runs out at this time unless its holder renews it
    expires_at  timestamp with time zone not null
);
