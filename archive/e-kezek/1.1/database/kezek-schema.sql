-- E-Kezek: the queue's tables (PostgreSQL 15), with an anonymized day of tickets.
CREATE TABLE service (code char(1) PRIMARY KEY, name_kk text NOT NULL, name_ru text NOT NULL);
CREATE TABLE ticket (id bigserial PRIMARY KEY, service char(1) REFERENCES service, number text NOT NULL,
                     issued timestamptz NOT NULL, called timestamptz, window_no int);
INSERT INTO service VALUES ('A', 'Жеке куәлік', 'Удостоверение личности'), ('B', 'Тіркеу', 'Регистрация');
INSERT INTO ticket (service, number, issued, called, window_no) VALUES
  ('A', 'A001', '2025-03-03 09:00:12+05', '2025-03-03 09:04:40+05', 3),
  ('B', 'B001', '2025-03-03 09:01:05+05', '2025-03-03 09:09:13+05', 1);
