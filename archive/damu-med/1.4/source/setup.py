# -*- coding: utf-8 -*-
from setuptools import find_packages, setup

setup(
    name="damumed",
    version="1.4.0",
    description="Damumed: outpatient care information system (Ministry of Health of Kazakhstan)",
    author="Digital Health Centre LLP",
    author_email="info@digitalhealth.kz",
    packages=find_packages(),
    include_package_data=True,
    install_requires=[line.strip() for line in open("requirements.txt") if line.strip()],
    zip_safe=False,
)
