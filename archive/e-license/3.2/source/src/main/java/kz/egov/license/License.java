package kz.egov.license;

import java.time.LocalDate;

/** Выданная лицензия: номер, БИН лицензиата, код вида деятельности, дата начала действия. */
public record License(String number, String bin, String activityCode, LocalDate validFrom) {}
