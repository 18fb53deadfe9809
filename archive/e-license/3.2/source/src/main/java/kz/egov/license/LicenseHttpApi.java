package kz.egov.license;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/** HTTP-интерфейс для шлюза «электронного правительства»: GET /api/licenses/{номер}. */
public final class LicenseHttpApi {
    private final LicenseRegistry registry;

    public LicenseHttpApi(LicenseRegistry registry) {
        this.registry = registry;
    }

    public HttpServer start(int port) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(port), 0);
        server.createContext("/api/licenses/", this::handle);
        server.createContext("/healthz", ex -> reply(ex, 200, "{\"status\":\"ok\"}"));
        server.start();
        return server;
    }

    private void handle(HttpExchange ex) throws IOException {
        String number = ex.getRequestURI().getPath().substring("/api/licenses/".length());
        var found = registry.find(number);
        if (found.isEmpty()) {
            reply(ex, 404, "{\"error\":\"not found\"}");
            return;
        }
        License l = found.get();
        reply(ex, 200, String.format("{\"number\":\"%s\",\"bin\":\"%s\",\"activity\":\"%s\",\"validFrom\":\"%s\"}",
                l.number(), l.bin(), l.activityCode(), l.validFrom()));
    }

    private static void reply(HttpExchange ex, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        ex.sendResponseHeaders(status, body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }
}
