-- Users of the service (contract section 7): bcrypt hashes, never passwords; roles, the subjects an
-- ENTERPRISE or MONITOR account is bound to, and the jurisdictions a CHIEF or INSPECTOR acts in (JSON lists).
create table app_user (
    username       varchar(64)  primary key,
    password_hash  varchar(200) not null,
    roles          varchar(400) not null,
    subjects       text         not null,
    jurisdictions  text         not null,
    disabled       boolean      not null,
    created_at     timestamp with time zone not null,
    updated_at     timestamp with time zone not null
);

-- Every change of state, who made it and when: appended, never updated or deleted by the service.
create table audit_event (
    id        varchar(36)  primary key,
    at        timestamp with time zone not null,
    username  varchar(64)  not null,
    action    varchar(60)  not null,
    target    varchar(300),
    detail    text
);
create index audit_event_by_time on audit_event (at);
create index audit_event_by_user on audit_event (username, at);

-- The inspector who recorded an evaluation is kept with it.
alter table evaluation add column recorded_by varchar(64);
