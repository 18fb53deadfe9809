package kz.egov.license;

import java.sql.Connection;
import java.sql.Date;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/** Хранилище лицензий в PostgreSQL через JDBC (драйвер — во время выполнения). */
public final class JdbcLicenseRepository implements LicenseRepository {
    private final String url;
    private final String user;
    private final String password;

    public JdbcLicenseRepository(String url, String user, String password) {
        this.url = url;
        this.user = user;
        this.password = password;
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(url, user, password);
    }

    @Override
    public long nextSequence() {
        try (Connection c = connect();
             PreparedStatement st = c.prepareStatement("SELECT nextval('license_seq')");
             ResultSet rs = st.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("Нет связи с БД лицензий", e);
        }
    }

    @Override
    public void save(License l) {
        try (Connection c = connect();
             PreparedStatement st = c.prepareStatement(
                     "INSERT INTO license (number, bin, activity_code, valid_from) VALUES (?, ?, ?, ?)")) {
            st.setString(1, l.number());
            st.setString(2, l.bin());
            st.setString(3, l.activityCode());
            st.setDate(4, Date.valueOf(l.validFrom()));
            st.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Лицензия " + l.number() + " не сохранена", e);
        }
    }

    @Override
    public Optional<License> find(String number) {
        try (Connection c = connect();
             PreparedStatement st = c.prepareStatement(
                     "SELECT number, bin, activity_code, valid_from FROM license WHERE number = ?")) {
            st.setString(1, number);
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new License(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getDate(4).toLocalDate()));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Нет связи с БД лицензий", e);
        }
    }
}
