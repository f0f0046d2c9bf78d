-- Rule versions (cn.lantian.store.RulesetVersionStore): every ruleset ever activated, kept whole (each rules
-- file and each fixture file as text), so that any instance can serve, compare, export and activate it again.
-- A version is its content: the same rules and fixtures are one version, however often they are activated.
create table ruleset_version (
    number           bigint       primary key,
    -- the rules' content hash, as GET /api/v1/ruleset and every decision name it (rules files only)
    ruleset_version  varchar(80)  not null,
    -- the hash of the rules and the fixtures together: what makes two versions the same
    content_hash     varchar(80)  not null unique,
    author           varchar(64)  not null,
    reason           text         not null,
    created_at       timestamp with time zone not null,
    -- the version serving when this one was made (none for the first)
    previous         bigint       references ruleset_version (number),
    -- how it came: START (a start-up kept the folder it loaded), RELOAD (rules/ and fixtures/ re-read),
    -- EDIT (files sent from the console laid over the active version)
    origin           varchar(20)  not null,
    fixtures_passed  integer      not null,
    fixtures_failed  integer      not null,
    -- the coverage of the fixtures, as JSON: {"rules": n, "rulesReached": m, "unfiredRules": [...]}
    coverage         text         not null
);

create table ruleset_file (
    version  bigint       not null references ruleset_version (number),
    -- RULES (a file of rules/) or FIXTURES (a file of fixtures/)
    kind     varchar(10)  not null,
    path     varchar(300) not null,
    content  text         not null,
    primary key (version, kind, path)
);

-- The version serving, one row: the source of the active ruleset for every instance. serial moves on by one
-- at each activation, and an activation is made only where the row still names the version it was tested
-- against, so two activations racing (on one instance or two) never lose each other's check.
create table ruleset_active (
    id            integer      primary key check (id = 1),
    version       bigint       not null references ruleset_version (number),
    serial        bigint       not null,
    activated_at  timestamp with time zone not null,
    activated_by  varchar(64)  not null
);

-- Every activation: which version, the one it replaced, who, when and why (a rollback is one of them).
create table ruleset_activation (
    serial        bigint       primary key,
    version       bigint       not null references ruleset_version (number),
    previous      bigint       references ruleset_version (number),
    activated_at  timestamp with time zone not null,
    activated_by  varchar(64)  not null,
    reason        text         not null,
    -- ACTIVATED (a new version, or a later one again) or ROLLED_BACK (an earlier version again)
    action        varchar(20)  not null
);
