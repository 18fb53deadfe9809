-- Схема (без данных; данные ограниченного доступа не депонируются)
CREATE TABLE case_record (id bigserial PRIMARY KEY, opened_on date NOT NULL, region_code char(2) NOT NULL);
