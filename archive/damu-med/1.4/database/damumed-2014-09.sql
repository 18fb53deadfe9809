--
-- PostgreSQL database dump: «Дамумед» 1.4, обезличенный срез на 30.09.2014
-- Dumped from database version 9.3.5, pg_dump 9.3.5
-- ИИН пациентов заменены условными значениями; ФИО врачей заменены должностями.
--

SET statement_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SET search_path = public, pg_catalog;

CREATE TABLE visits_clinic (
    id serial PRIMARY KEY,
    code character varying(10) NOT NULL UNIQUE,
    name character varying(300) NOT NULL,
    region character varying(9) NOT NULL
);

CREATE TABLE visits_visit (
    id serial PRIMARY KEY,
    clinic_id integer NOT NULL REFERENCES visits_clinic(id) DEFERRABLE INITIALLY DEFERRED,
    iin character varying(12) NOT NULL,
    doctor character varying(200) NOT NULL,
    visited_at timestamp with time zone NOT NULL,
    diagnosis_icd10 character varying(10) NOT NULL,
    status character varying(10) NOT NULL
);

CREATE INDEX visits_visit_iin ON visits_visit (iin);
CREATE INDEX visits_visit_clinic_id ON visits_visit (clinic_id);

COPY visits_clinic (id, code, name, region) FROM stdin;
1	750000001	ГКП на ПХВ «Городская поликлиника № 1» УОЗ г. Алматы	751110000
2	750000005	ГКП на ПХВ «Городская поликлиника № 5» УОЗ г. Алматы	751710000
3	710000002	ГКП на ПХВ «Городская поликлиника № 2» акимата г. Астаны	711110000
\.

COPY visits_visit (id, clinic_id, iin, doctor, visited_at, diagnosis_icd10, status) FROM stdin;
1	1	000000000001	Терапевт участковый	2014-09-01 09:00:00+06	J06.9	done
2	1	000000000002	Терапевт участковый	2014-09-01 09:20:00+06	I10	done
3	2	000000000003	Педиатр	2014-09-02 10:00:00+06	J20.9	done
4	2	000000000004	Врач общей практики	2014-09-02 10:30:00+06		missed
5	3	000000000005	Эндокринолог	2014-09-03 11:00:00+06	E11.9	done
6	3	000000000006	Терапевт участковый	2014-09-30 15:00:00+06		booked
\.

SELECT pg_catalog.setval('visits_clinic_id_seq', 3, true);
SELECT pg_catalog.setval('visits_visit_id_seq', 6, true);
