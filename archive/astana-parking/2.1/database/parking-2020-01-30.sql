--
-- PostgreSQL database dump: «Астана Паркинг» 2.1, срез на 30.01.2020
-- Dumped from database version 11.6 (Ubuntu 11.6-1.pgdg18.04+1), pg_dump 11.6
-- Номера телефонов абонентов заменены условными; госномера сессий — тестовые.
--

SET statement_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;

CREATE TABLE public.zone (
    code character(1) PRIMARY KEY,
    name_kk text NOT NULL,
    name_ru text NOT NULL,
    hourly_tenge integer NOT NULL CHECK (hourly_tenge > 0)
);

CREATE TABLE public.session (
    id bigserial PRIMARY KEY,
    plate character varying(9) NOT NULL,
    zone character(1) NOT NULL REFERENCES public.zone(code),
    msisdn character varying(12) NOT NULL,
    started_at timestamp with time zone NOT NULL,
    ended_at timestamp with time zone,
    cost_tenge integer
);

CREATE INDEX session_plate_started ON public.session (plate, started_at);

CREATE TABLE public.inspector_check (
    id bigserial PRIMARY KEY,
    plate character varying(9) NOT NULL,
    checked_at timestamp with time zone NOT NULL,
    paid boolean NOT NULL,
    inspector character varying(20) NOT NULL
);

COPY public.zone (code, name_kk, name_ru, hourly_tenge) FROM stdin;
A	Орталық аймақ	Центральная зона	200
B	Іскерлік аймақ	Деловая зона	100
C	Тұрғын аймақ	Жилая зона	50
\.

COPY public.session (id, plate, zone, msisdn, started_at, ended_at, cost_tenge) FROM stdin;
1	001AAA01	A	77000000001	2020-01-30 09:05:00+06	2020-01-30 10:40:00+06	400
2	002AAB01	B	77000000002	2020-01-30 09:12:00+06	2020-01-30 09:25:00+06	0
3	003AAC01	C	77000000003	2020-01-30 11:00:00+06	2020-01-30 14:10:00+06	200
4	004AAD01	A	77000000004	2020-01-30 17:45:00+06	\N	\N
\.

COPY public.inspector_check (id, plate, checked_at, paid, inspector) FROM stdin;
1	001AAA01	2020-01-30 10:02:00+06	t	INS-014
2	777ZZZ01	2020-01-30 10:05:00+06	f	INS-014
\.

SELECT pg_catalog.setval('public.session_id_seq', 4, true);
SELECT pg_catalog.setval('public.inspector_check_id_seq', 2, true);
