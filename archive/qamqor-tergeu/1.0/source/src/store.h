#ifndef QAMQOR_STORE_H
#define QAMQOR_STORE_H

#include "record.h"

struct qamqor_store;

/* Подключение по строке conninfo libpq; NULL при ошибке (текст — в stderr). */
struct qamqor_store *qamqor_store_open(const char *conninfo);
/* Вставка или обновление карточки; 0 — успех. */
int qamqor_store_put(struct qamqor_store *s, const struct qamqor_record *r);
void qamqor_store_close(struct qamqor_store *s);

#endif
