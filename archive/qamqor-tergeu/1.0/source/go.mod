module mvd.gov.kz/qamqor

go 1.19

require github.com/jackc/pgx/v5 v5.1.1
