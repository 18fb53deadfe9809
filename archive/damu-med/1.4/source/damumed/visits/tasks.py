# -*- coding: utf-8 -*-
"""Фоновые задачи Celery: статистическая отчётность по форме Минздрава."""
from celery import shared_task

from damumed.visits.models import Visit


@shared_task
def monthly_report(year, month):
    """Число посещений по поликлиникам за месяц (отчётная форма № 039/у)."""
    qs = Visit.objects.filter(visited_at__year=year, visited_at__month=month, status=Visit.STATUS_DONE)
    counts = {}
    for clinic_id in qs.values_list("clinic_id", flat=True):
        counts[clinic_id] = counts.get(clinic_id, 0) + 1
    return counts
