-- Схема БД «Е-лицензирование» (PostgreSQL 15)
CREATE SEQUENCE license_seq;

CREATE TABLE activity (
    code        varchar(10) PRIMARY KEY,
    name_kk     text NOT NULL,
    name_ru     text NOT NULL
);

CREATE TABLE license (
    number        varchar(20) PRIMARY KEY,
    bin           char(12) NOT NULL,
    activity_code varchar(10) NOT NULL REFERENCES activity(code),
    valid_from    date NOT NULL,
    issued_at     timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX license_bin ON license (bin);
