package kz.egov.license;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** Запуск: java -jar e-license.jar /etc/e-license/application.properties */
public final class Main {
    private Main() {}

    public static void main(String[] args) throws IOException {
        Properties p = new Properties();
        try (InputStream in = new FileInputStream(args.length > 0 ? args[0] : "/etc/e-license/application.properties")) {
            p.load(in);
        }
        var repository = new JdbcLicenseRepository(p.getProperty("db.url"), p.getProperty("db.user"),
                System.getenv().getOrDefault("ELICENSE_DB_PASSWORD", ""));
        var registry = new LicenseRegistry(repository, p.getProperty("license.number.prefix", "23"));
        int port = Integer.parseInt(p.getProperty("http.port", "8080"));
        new LicenseHttpApi(registry).start(port);
        System.out.println("e-license " + Main.class.getPackage().getImplementationVersion() + " listening on " + port);
    }
}
