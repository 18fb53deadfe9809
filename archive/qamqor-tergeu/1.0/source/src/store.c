#include "store.h"

#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>

struct qamqor_store {
    PGconn *conn;
};

struct qamqor_store *qamqor_store_open(const char *conninfo)
{
    PGconn *conn = PQconnectdb(conninfo);
    if (PQstatus(conn) != CONNECTION_OK) {
        fprintf(stderr, "qamqor-import: БД недоступна: %s", PQerrorMessage(conn));
        PQfinish(conn);
        return NULL;
    }
    struct qamqor_store *s = malloc(sizeof *s);
    if (!s) {
        PQfinish(conn);
        return NULL;
    }
    s->conn = conn;
    return s;
}

int qamqor_store_put(struct qamqor_store *s, const struct qamqor_record *r)
{
    char status[2] = {r->status, '\0'};
    const char *params[4] = {r->number, r->region, r->opened_on, status};
    PGresult *res = PQexecParams(s->conn,
        "INSERT INTO case_record (number, region_code, opened_on, status) VALUES ($1, $2, $3, $4) "
        "ON CONFLICT (number) DO UPDATE SET status = EXCLUDED.status, updated_at = now()",
        4, NULL, params, NULL, NULL, 0);
    int ok = PQresultStatus(res) == PGRES_COMMAND_OK;
    if (!ok)
        fprintf(stderr, "qamqor-import: %s: %s", r->number, PQerrorMessage(s->conn));
    PQclear(res);
    return ok ? 0 : -1;
}

void qamqor_store_close(struct qamqor_store *s)
{
    if (s) {
        PQfinish(s->conn);
        free(s);
    }
}
