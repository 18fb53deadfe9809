# -*- coding: utf-8 -*-
import datetime
import json

from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_POST

from damumed.visits.models import Clinic, Visit


def _valid_iin(iin):
    """ИИН: 12 цифр, контрольный разряд по алгоритму с двумя последовательностями весов."""
    if len(iin) != 12 or not iin.isdigit():
        return False
    digits = [int(c) for c in iin]
    check = sum(d * w for d, w in zip(digits, range(1, 12))) % 11
    if check == 10:
        check = sum(d * w for d, w in zip(digits, [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2])) % 11
    return check == digits[11]


@require_POST
def book(request):
    iin = request.POST.get("iin", "")
    if not _valid_iin(iin):
        return HttpResponseBadRequest(u"Неверный ИИН")
    clinic = get_object_or_404(Clinic, code=request.POST.get("clinic"))
    when = datetime.datetime.strptime(request.POST["at"], "%Y-%m-%dT%H:%M")
    visit = Visit.objects.create(clinic=clinic, iin=iin, doctor=request.POST["doctor"], visited_at=when)
    return HttpResponse(json.dumps({"id": visit.pk}), content_type="application/json")


def day_schedule(request, date):
    day = datetime.datetime.strptime(date, "%Y-%m-%d").date()
    visits = Visit.objects.filter(visited_at__range=(day, day + datetime.timedelta(days=1)))
    rows = [{"doctor": v.doctor, "at": v.visited_at.strftime("%H:%M"), "status": v.status} for v in visits]
    return HttpResponse(json.dumps(rows, ensure_ascii=False), content_type="application/json; charset=utf-8")
