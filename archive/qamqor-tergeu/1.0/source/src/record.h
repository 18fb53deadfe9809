/* «Қамқор-Тергеу»: карточка учёта материала (поля без персональных данных). */
#ifndef QAMQOR_RECORD_H
#define QAMQOR_RECORD_H

#include <stddef.h>

#define QAMQOR_NUMBER_LEN 15   /* ГГГГ-РР-NNNNNNN */

struct qamqor_record {
    char number[QAMQOR_NUMBER_LEN + 1];
    char region[3];            /* код региона, две цифры */
    char opened_on[11];        /* ГГГГ-ММ-ДД */
    char status;               /* 'O' — открыт, 'C' — закрыт, 'T' — передан */
};

/* Разбирает строку CSV «номер;регион;дата;статус». 0 — успех, иначе номер поля с ошибкой. */
int qamqor_parse(const char *line, struct qamqor_record *out);

/* Текст ошибки для кода, который вернула qamqor_parse. */
const char *qamqor_error(int code);

#endif
