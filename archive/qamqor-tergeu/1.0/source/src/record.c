#include "record.h"

#include <ctype.h>
#include <string.h>

static int digits(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!isdigit((unsigned char)s[i]))
            return 0;
    return 1;
}

static int valid_date(const char *d)
{
    if (strlen(d) != 10 || d[4] != '-' || d[7] != '-')
        return 0;
    if (!digits(d, 4) || !digits(d + 5, 2) || !digits(d + 8, 2))
        return 0;
    int m = (d[5] - '0') * 10 + (d[6] - '0');
    int day = (d[8] - '0') * 10 + (d[9] - '0');
    return m >= 1 && m <= 12 && day >= 1 && day <= 31;
}

int qamqor_parse(const char *line, struct qamqor_record *out)
{
    char buf[128];
    if (strlen(line) >= sizeof buf)
        return 1;
    strcpy(buf, line);
    buf[strcspn(buf, "\r\n")] = '\0';

    char *field[4];
    char *p = buf;
    for (int i = 0; i < 4; i++) {
        field[i] = p;
        p = strchr(p, ';');
        if (i < 3) {
            if (!p)
                return i + 1;
            *p++ = '\0';
        } else if (p) {
            return 4;
        }
    }
    /* Номер: ГГГГ-РР-NNNNNNN */
    if (strlen(field[0]) != QAMQOR_NUMBER_LEN || field[0][4] != '-' || field[0][7] != '-' ||
        !digits(field[0], 4) || !digits(field[0] + 5, 2) || !digits(field[0] + 8, 7))
        return 1;
    if (strlen(field[1]) != 2 || !digits(field[1], 2) || strncmp(field[0] + 5, field[1], 2) != 0)
        return 2;
    if (!valid_date(field[2]) || strncmp(field[0], field[2], 4) != 0)
        return 3;
    if (strlen(field[3]) != 1 || !strchr("OCT", field[3][0]))
        return 4;

    strcpy(out->number, field[0]);
    strcpy(out->region, field[1]);
    strcpy(out->opened_on, field[2]);
    out->status = field[3][0];
    return 0;
}

const char *qamqor_error(int code)
{
    switch (code) {
    case 0: return "ok";
    case 1: return "неверный номер (ГГГГ-РР-NNNNNNN)";
    case 2: return "код региона не совпадает с номером";
    case 3: return "неверная дата или год не совпадает с номером";
    case 4: return "неверный статус (O, C, T)";
    default: return "неизвестная ошибка";
    }
}
