# -*- coding: utf-8 -*-
from django.db import models


class Clinic(models.Model):
    """Емхана / Поликлиника."""

    code = models.CharField(u"Код МО", max_length=10, unique=True)
    name = models.CharField(u"Наименование", max_length=300)
    region = models.CharField(u"Регион (КАТО)", max_length=9)

    def __unicode__(self):
        return self.name


class Visit(models.Model):
    """Емханаға келу / Посещение поликлиники."""

    STATUS_BOOKED, STATUS_DONE, STATUS_MISSED = "booked", "done", "missed"
    STATUSES = (
        (STATUS_BOOKED, u"Записан"),
        (STATUS_DONE, u"Принят"),
        (STATUS_MISSED, u"Не явился"),
    )

    clinic = models.ForeignKey(Clinic, verbose_name=u"Поликлиника")
    iin = models.CharField(u"ИИН пациента", max_length=12, db_index=True)
    doctor = models.CharField(u"Врач", max_length=200)
    visited_at = models.DateTimeField(u"Дата и время приёма")
    diagnosis_icd10 = models.CharField(u"Диагноз по МКБ-10", max_length=10, blank=True)
    status = models.CharField(u"Статус", max_length=10, choices=STATUSES, default=STATUS_BOOKED)

    class Meta:
        ordering = ("-visited_at",)
        verbose_name = u"посещение"
        verbose_name_plural = u"посещения"
