-- The subject registry (一地一档 / 一企一档): a site's or plant's profile, created one by one or imported
-- from the city's emergency-reduction list. Evaluations name subjects by id without needing a row here:
-- a subject inspected but never registered is still listed, from its evaluations.
create table subject (
    id                  varchar(200) primary key,
    kind                varchar(20)  not null,
    jurisdiction        varchar(100) not null,
    name                varchar(400) not null,
    -- 统一社会信用代码 (18 characters) of a plant or of a site's builder, or a site's project code
    credit_code         varchar(40),
    project_code        varchar(100),
    address             varchar(400),
    legal_representative varchar(100),
    -- a site's builder (建设单位) and contractor (施工单位)
    builder             varchar(400),
    contractor          varchar(400),
    -- a plant's performance grade (PERFORMANCE_GRADE code) and industry
    performance_grade   varchar(20),
    industry            varchar(200),
    created_at          timestamp with time zone not null,
    updated_at          timestamp with time zone not null
);
create index subject_by_jurisdiction on subject (jurisdiction, kind, id);
