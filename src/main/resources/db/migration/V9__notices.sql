-- The notices outbox (cn.lantian.notice): a row is written in the transaction of the change it tells of
-- (a case opened, an alert declared, ...), so that it is kept exactly when the change is; a deliverer
-- POSTs it to the configured webhook, retrying with backoff, at least once.
create table notices (
    id              varchar(36)  primary key,
    event           varchar(60)  not null,
    jurisdiction    varchar(100) not null,
    subject_id      varchar(200),
    -- the event's data, JSON text
    payload         text         not null,
    created_at      timestamp with time zone not null,
    state           varchar(10)  not null check (state in ('PENDING', 'DELIVERED', 'FAILED')),
    -- attempts since the notice was (re)queued; every attempt ever is in notice_attempt
    attempts        integer      not null,
    -- when a PENDING notice is next due; a deliverer moves it forward when it claims the notice
    next_attempt_at timestamp with time zone not null,
    last_attempt_at timestamp with time zone,
    -- the receiver's HTTP status, null when there was no answer
    last_status     integer,
    last_error      varchar(500),
    delivered_at    timestamp with time zone,
    -- the claim of the deliverer sending it now, so that only that one records the outcome
    claim           varchar(36)
);
create index notices_due on notices (state, next_attempt_at);
create index notices_by_jurisdiction on notices (jurisdiction, created_at);

-- Every delivery attempt of a notice, kept with it.
create table notice_attempt (
    notice_id   varchar(36)  not null references notices (id),
    attempt     integer      not null,
    at          timestamp with time zone not null,
    status      integer,
    error       varchar(500),
    duration_ms bigint       not null,
    primary key (notice_id, attempt)
);
