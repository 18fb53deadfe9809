# -*- coding: utf-8 -*-
"""Настройки «Дамумед» 1.4. Пароли и ключи задаются переменными окружения на сервере."""
import os

BASE_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SECRET_KEY = os.environ["DAMUMED_SECRET_KEY"]
DEBUG = False
ALLOWED_HOSTS = [".damumed.kz"]

LANGUAGE_CODE = "ru"
LANGUAGES = (("kk", u"Қазақша"), ("ru", u"Русский"))
TIME_ZONE = "Asia/Almaty"
USE_I18N = True
USE_TZ = True

INSTALLED_APPS = (
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.admin",
    "django.contrib.staticfiles",
    "damumed.visits",
)
MIDDLEWARE_CLASSES = (
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
)
ROOT_URLCONF = "damumed.urls"
WSGI_APPLICATION = "damumed.wsgi.application"

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.postgresql_psycopg2",
        "NAME": "damumed",
        "USER": "damumed",
        "PASSWORD": os.environ.get("DAMUMED_DB_PASSWORD", ""),
        "HOST": os.environ.get("DAMUMED_DB_HOST", "localhost"),
        "PORT": "5432",
    }
}

BROKER_URL = os.environ.get("DAMUMED_BROKER_URL", "amqp://damumed@localhost:5672//")
CELERY_DEFAULT_QUEUE = "visits"
CELERY_ROUTES = {"damumed.visits.tasks.monthly_report": {"queue": "reports"}}

STATIC_URL = "/static/"
STATIC_ROOT = "/var/www/damumed/static"
