package kz.egov.license;

/** Статус лицензии (версия 3.3): действует, приостановлена, отозвана. */
public enum LicenseStatus {
    ACTIVE("active"),
    SUSPENDED("suspended"),
    REVOKED("revoked");

    private final String dbValue;

    LicenseStatus(String dbValue) {
        this.dbValue = dbValue;
    }

    public String dbValue() {
        return dbValue;
    }

    public static LicenseStatus fromDb(String value) {
        for (LicenseStatus s : values()) {
            if (s.dbValue.equals(value)) {
                return s;
            }
        }
        throw new IllegalArgumentException("Неизвестный статус лицензии: " + value);
    }
}
