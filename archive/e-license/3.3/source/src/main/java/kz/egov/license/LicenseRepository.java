package kz.egov.license;

/** Хранилище лицензий (PostgreSQL). */
public interface LicenseRepository {
    long nextSequence();
    void save(License license);
}
