from setuptools import find_packages, setup

setup(
    name="damumed",
    version="1.4.0",
    packages=find_packages(),
    install_requires=open("requirements.txt").read().split(),
)
