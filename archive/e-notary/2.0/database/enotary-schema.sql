-- Схема базы данных «Е-нотариат» 2.0 (PostgreSQL 9.1)
CREATE TABLE notary (license VARCHAR(20) PRIMARY KEY, full_name VARCHAR(200) NOT NULL, region VARCHAR(60));
CREATE TABLE notarial_act (number VARCHAR(20) PRIMARY KEY, license VARCHAR(20) REFERENCES notary, kind VARCHAR(60) NOT NULL, registered_at TIMESTAMP NOT NULL);
INSERT INTO notary VALUES ('0001234', 'Иванова Светлана Петровна', 'г. Алматы');
INSERT INTO notarial_act VALUES ('2012-0000001', '0001234', 'Доверенность', '2012-04-02 10:15:00');
