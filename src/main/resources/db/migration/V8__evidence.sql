-- Evidence files (photos and PDFs sent from a phone for a rectification case or an inspection): what the
-- content is (by its bytes, never by its name), about which subject, in which jurisdiction, who sent it
-- and when. width and height (as the image is shown) are empty for a PDF.
create table evidence (
    id            varchar(40)  primary key,
    sha256        varchar(64)  not null,
    content_type  varchar(40)  not null,
    size_bytes    bigint       not null,
    -- as sent, cleaned of paths and control characters; for display only
    file_name     varchar(400) not null,
    subject_id    varchar(200) not null,
    jurisdiction  varchar(100) not null,
    uploaded_by   varchar(64)  not null,
    uploaded_at   timestamp with time zone not null,
    width         integer,
    height        integer
);
create index evidence_by_subject on evidence (subject_id, uploaded_at);

-- The bytes as uploaded and the thumbnail made of an image (empty for a PDF), apart from the description:
-- the embedded H2 reads a row whole, so that listing files would read every file.
create table evidence_content (
    id         varchar(40) primary key references evidence (id),
    bytes      bytea       not null,
    thumbnail  bytea
);
