"""E-Kezek: the electronic queue of the public service centres (ЦОН / ХҚКО)."""

__version__ = "1.0"
