# -*- coding: utf-8 -*-
LANGUAGE_CODE = "ru"
TIME_ZONE = "Asia/Almaty"
INSTALLED_APPS = ["django.contrib.auth", "django.contrib.contenttypes", "damumed.visits"]
DATABASES = {"default": {"ENGINE": "django.db.backends.postgresql_psycopg2", "NAME": "damumed"}}
