# -*- coding: utf-8 -*-
from django.conf.urls import patterns, url

from damumed.visits import views

urlpatterns = patterns(
    "",
    url(r"^book/$", views.book, name="visits-book"),
    url(r"^day/(?P<date>\d{4}-\d{2}-\d{2})/$", views.day_schedule, name="visits-day"),
)
