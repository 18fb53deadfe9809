--
-- PostgreSQL database dump: ИС «Е-нотариат» 2.1, схема и справочники (без персональных данных)
-- Dumped from database version 9.1.11, pg_dump 9.1.11, 2014-03-28
--

SET statement_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SET check_function_bodies = false;
SET client_min_messages = warning;

CREATE TABLE region (
    code character(2) PRIMARY KEY,
    name_kk character varying(100) NOT NULL,
    name_ru character varying(100) NOT NULL
);

CREATE TABLE act_kind (
    code character varying(10) PRIMARY KEY,
    name_ru character varying(200) NOT NULL,
    requires_revocation_check boolean DEFAULT false NOT NULL
);

CREATE TABLE notary (
    license character varying(20) PRIMARY KEY,
    full_name character varying(200) NOT NULL,
    region character(2) NOT NULL REFERENCES region(code),
    is_state boolean DEFAULT false NOT NULL,
    active boolean DEFAULT true NOT NULL
);

CREATE TABLE notarial_act (
    number character varying(20) PRIMARY KEY,
    license character varying(20) NOT NULL REFERENCES notary(license),
    kind character varying(10) NOT NULL REFERENCES act_kind(code),
    applicant_iin character(12) NOT NULL,
    registered_at timestamp without time zone NOT NULL,
    revoked boolean DEFAULT false NOT NULL,
    signature bytea
);

CREATE INDEX notarial_act_applicant ON notarial_act (applicant_iin);
CREATE INDEX notarial_act_license_date ON notarial_act (license, registered_at);
CREATE SEQUENCE act_seq_2014 START WITH 1 INCREMENT BY 1 NO MAXVALUE NO MINVALUE CACHE 1;
CREATE INDEX notarial_act_registered ON notarial_act (registered_at);  -- 2.1: выгрузка для нотариальной палаты

COPY region (code, name_kk, name_ru) FROM stdin;
01	Ақмола облысы	Акмолинская область
02	Алматы облысы	Алматинская область
71	Астана қаласы	город Астана
75	Алматы қаласы	город Алматы
\.

COPY act_kind (code, name_ru, requires_revocation_check) FROM stdin;
DOV	Доверенность	t
DOG	Договор	f
SVN	Свидетельство о праве на наследство	f
ZAV	Засвидетельствование подлинности подписи	f
\.

REVOKE ALL ON SCHEMA public FROM PUBLIC;
GRANT SELECT, INSERT, UPDATE ON notarial_act TO enotary_app;
GRANT SELECT ON notary, region, act_kind TO enotary_app;
