/*
 * qamqor-import — загрузка карточек учёта из файла выгрузки территориального органа
 * в центральную БД ИС «Қамқор-Тергеу». Работает только в изолированном сегменте.
 *
 *   qamqor-import [-c /etc/qamqor/qamqor.conf] [-n] файл.csv
 *   -n  только проверить файл, в БД не писать
 */
#define _POSIX_C_SOURCE 200809L

#include "record.h"
#include "store.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

static int read_conninfo(const char *path, char *out, size_t n)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return -1;
    char line[512];
    int found = -1;
    while (fgets(line, sizeof line, f)) {
        if (strncmp(line, "conninfo=", 9) == 0) {
            line[strcspn(line, "\r\n")] = '\0';
            snprintf(out, n, "%s", line + 9);
            found = 0;
        }
    }
    fclose(f);
    return found;
}

int main(int argc, char **argv)
{
    const char *config = "/etc/qamqor/qamqor.conf";
    int dry_run = 0, opt;
    while ((opt = getopt(argc, argv, "c:nV")) != -1) {
        switch (opt) {
        case 'c': config = optarg; break;
        case 'n': dry_run = 1; break;
        case 'V': puts("qamqor-import " QAMQOR_VERSION); return 0;
        default:
            fprintf(stderr, "usage: qamqor-import [-c config] [-n] file.csv\n");
            return 2;
        }
    }
    if (optind != argc - 1) {
        fprintf(stderr, "usage: qamqor-import [-c config] [-n] file.csv\n");
        return 2;
    }
    FILE *in = fopen(argv[optind], "r");
    if (!in) {
        perror(argv[optind]);
        return 1;
    }
    struct qamqor_store *store = NULL;
    if (!dry_run) {
        char conninfo[512];
        if (read_conninfo(config, conninfo, sizeof conninfo) != 0) {
            fprintf(stderr, "qamqor-import: нет conninfo в %s\n", config);
            fclose(in);
            return 1;
        }
        if (!(store = qamqor_store_open(conninfo))) {
            fclose(in);
            return 1;
        }
    }
    char line[256];
    long n = 0, bad = 0;
    struct qamqor_record r;
    while (fgets(line, sizeof line, in)) {
        n++;
        int err = qamqor_parse(line, &r);
        if (err) {
            fprintf(stderr, "%s:%ld: %s\n", argv[optind], n, qamqor_error(err));
            bad++;
        } else if (store && qamqor_store_put(store, &r) != 0) {
            bad++;
        }
    }
    fclose(in);
    qamqor_store_close(store);
    printf("строк: %ld, ошибок: %ld\n", n, bad);
    return bad ? 1 : 0;
}
