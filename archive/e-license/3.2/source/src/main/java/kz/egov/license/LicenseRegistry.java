package kz.egov.license;

import java.time.LocalDate;
import java.util.Optional;

/** Е-лицензиялау: лицензия беру туралы өтінімді тіркейді. */
public final class LicenseRegistry {
    private final LicenseRepository repository;
    private final String prefix;

    public LicenseRegistry(LicenseRepository repository, String prefix) {
        this.repository = repository;
        this.prefix = prefix;
    }

    /** Регистрирует выданную лицензию и возвращает её номер. */
    public String issue(String bin, String activityCode, LocalDate validFrom) {
        if (bin == null || !bin.matches("\\d{12}")) {
            throw new IllegalArgumentException("БИН должен состоять из 12 цифр");
        }
        if (activityCode == null || activityCode.isBlank()) {
            throw new IllegalArgumentException("Не указан вид деятельности");
        }
        String number = prefix + String.format("%012d", repository.nextSequence());
        repository.save(new License(number, bin, activityCode, validFrom));
        return number;
    }

    public Optional<License> find(String number) {
        return repository.find(number);
    }
}
