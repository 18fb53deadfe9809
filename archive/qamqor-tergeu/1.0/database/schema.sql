--
-- «Қамқор-Тергеу» 1.0 — схема БД (PostgreSQL 14, Postgres Pro Standard 14.5)
-- Депонируется только схема: данные ограниченного доступа в репозиторий не передаются.
--

CREATE TABLE region (
    code        char(2) PRIMARY KEY,
    name_kk     text NOT NULL,
    name_ru     text NOT NULL
);

CREATE TABLE case_record (
    number       varchar(15) PRIMARY KEY CHECK (number ~ '^\d{4}-\d{2}-\d{7}$'),
    region_code  char(2) NOT NULL REFERENCES region(code),
    opened_on    date NOT NULL,
    status       char(1) NOT NULL CHECK (status IN ('O', 'C', 'T')),
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz
);

CREATE INDEX case_record_region_opened ON case_record (region_code, opened_on);

CREATE TABLE import_log (
    id           bigserial PRIMARY KEY,
    file_name    text NOT NULL,
    rows_total   integer NOT NULL,
    rows_failed  integer NOT NULL,
    imported_at  timestamptz NOT NULL DEFAULT now(),
    imported_by  text NOT NULL DEFAULT current_user
);

REVOKE ALL ON ALL TABLES IN SCHEMA public FROM PUBLIC;
GRANT SELECT, INSERT, UPDATE ON case_record TO qamqor_import;
GRANT INSERT ON import_log TO qamqor_import;
