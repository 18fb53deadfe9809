package kz.egov.license;

import java.time.LocalDate;

/** Выданная лицензия: номер, БИН лицензиата, код вида деятельности, дата начала действия, статус. */
public record License(String number, String bin, String activityCode, LocalDate validFrom, LicenseStatus status) {
    public License(String number, String bin, String activityCode, LocalDate validFrom) {
        this(number, bin, activityCode, validFrom, LicenseStatus.ACTIVE);
    }
}
