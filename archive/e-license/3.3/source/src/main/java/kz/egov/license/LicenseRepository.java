package kz.egov.license;

import java.util.Optional;

/** Хранилище лицензий (PostgreSQL). */
public interface LicenseRepository {
    long nextSequence();

    void save(License license);

    Optional<License> find(String number);

    /** Меняет статус; false, если лицензии с таким номером нет. */
    boolean setStatus(String number, LicenseStatus status, String reason);
}
