-- Rectification cases (contract section 8, domain.md section 11): every RECTIFY order opens one per
-- violation; a reply says what the subject put right; a recorded follow-up verifies it. The times are
-- kept as instants and, for showing, as written (in the inspection's own UTC offset).
create table rectification_case (
    id                 varchar(36)  primary key,
    subject_id         varchar(200) not null,
    subject_kind       varchar(20)  not null,
    subject_name       varchar(400),
    jurisdiction       varchar(100) not null,
    violation          varchar(100) not null,
    title              varchar(400) not null,
    legal_basis        varchar(100),
    reason             text,
    opened_by          varchar(36)  not null,
    ordered_at         timestamp with time zone not null,
    ordered_at_text    varchar(40)  not null,
    deadline           timestamp with time zone,
    deadline_text      varchar(40),
    original_fine_yuan bigint       not null,
    state              varchar(20)  not null,
    -- the latest reply since the last follow-up said the item was put right
    claimed            boolean      not null,
    closed_at          timestamp with time zone,
    overdue_noticed    boolean      not null,
    updated_at         timestamp with time zone not null,
    -- the latest inspection that opened or verified it: an earlier one entered late changes it no more
    last_inspected_at  timestamp with time zone not null,
    -- one more on every change: a change made on a stale read is refused
    version            integer      not null,
    -- subject and violation while the case is open, null once closed: one open case per item
    open_key           varchar(400)
);
create unique index case_open_item on rectification_case (open_key);
create index case_by_subject on rectification_case (subject_id, state);
create index case_by_jurisdiction on rectification_case (jurisdiction, state, deadline);

create table case_reply (
    case_id     varchar(36)  not null,
    seq         integer      not null,
    replied_at  timestamp with time zone not null,
    replied_by  varchar(64)  not null,
    note        text         not null,
    rectified   text         not null,
    evidence    text         not null,
    primary key (case_id, seq)
);

-- The evaluations a case went through: the one that opened it, and each follow-up that verified it.
create table case_evaluation (
    case_id        varchar(36) not null,
    seq            integer     not null,
    evaluation_id  varchar(36) not null,
    inspected_at   timestamp with time zone not null,
    inspected_at_text varchar(40) not null,
    outcome        varchar(20) not null,
    primary key (case_id, seq)
);

-- The one-time filling of cases from the evaluations kept before cases existed (their open orders): a row
-- once done, so that it runs once, on one instance.
create table case_backfill (
    id       integer primary key,
    done_at  timestamp with time zone not null
);
