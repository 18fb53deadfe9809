-- pg_dump (текстовый формат), база «Дамумед», сентябрь 2014 г., обезличенный срез
CREATE TABLE visits_visit (id serial PRIMARY KEY, iin varchar(12) NOT NULL, doctor varchar(200) NOT NULL, visited_at timestamptz NOT NULL, diagnosis_icd10 varchar(10) NOT NULL);
CREATE INDEX visits_visit_iin ON visits_visit (iin);
INSERT INTO visits_visit (iin, doctor, visited_at, diagnosis_icd10) VALUES ('000000000000', 'Терапевт', '2014-09-01 09:00+06', 'J06.9');
