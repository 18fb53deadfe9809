# -*- coding: utf-8 -*-
from django.db import models


class Visit(models.Model):
    """Емханаға келу / Посещение поликлиники."""

    iin = models.CharField("ИИН пациента", max_length=12, db_index=True)
    doctor = models.CharField("Врач", max_length=200)
    visited_at = models.DateTimeField("Дата и время приёма")
    diagnosis_icd10 = models.CharField("Диагноз по МКБ-10", max_length=10)
