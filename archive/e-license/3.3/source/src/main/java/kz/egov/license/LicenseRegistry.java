package kz.egov.license;

import java.time.LocalDate;

/** Е-лицензиялау: лицензия беру туралы өтінімді тіркейді. */
public final class LicenseRegistry {
    private final LicenseRepository repository;

    public LicenseRegistry(LicenseRepository repository) {
        this.repository = repository;
    }

    /** Регистрирует выданную лицензию и возвращает её номер. */
    public String issue(String bin, String activityCode, LocalDate validFrom) {
        if (bin == null || !bin.matches("\\d{12}")) {
            throw new IllegalArgumentException("БИН должен состоять из 12 цифр");
        }
        String number = "26" + repository.nextSequence();
        repository.save(new License(number, bin, activityCode, validFrom));
        return number;
    }
}
