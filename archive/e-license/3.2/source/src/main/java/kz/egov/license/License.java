package kz.egov.license;

import java.time.LocalDate;

public record License(String number, String bin, String activityCode, LocalDate validFrom) {}
