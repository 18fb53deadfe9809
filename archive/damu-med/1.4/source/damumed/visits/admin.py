# -*- coding: utf-8 -*-
from django.contrib import admin

from damumed.visits.models import Clinic, Visit

admin.site.register(Clinic, list_display=("code", "name", "region"))
admin.site.register(Visit, list_display=("visited_at", "clinic", "doctor", "status"), list_filter=("status",))
