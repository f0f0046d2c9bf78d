package cn.lantian.identity;

import cn.lantian.store.Database;
import cn.lantian.store.StoreUnavailableException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The users, kept in the store with their bcrypt hashes: table {@code app_user}. */
@ApplicationScoped
public class UserStore {
    private static final String COLUMNS = "username, password_hash, roles, subjects, jurisdictions, disabled, created_at, updated_at";
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};

    @Inject
    Database db;

    @Inject
    ObjectMapper json;

    /** A stored user with the hash that checks the password. */
    public record Stored(UserAccount account, String passwordHash) {}

    public Optional<Stored> find(String username) {
        List<Stored> found = query("select " + COLUMNS + " from app_user where username = ?", username);
        return found.stream().findFirst();
    }

    public List<UserAccount> all() {
        return query("select " + COLUMNS + " from app_user order by username").stream().map(Stored::account).toList();
    }

    public long count() {
        try (Connection c = db.connect(); PreparedStatement s = c.prepareStatement("select count(*) from app_user");
             ResultSet r = s.executeQuery()) {
            r.next();
            return r.getLong(1);
        } catch (SQLException e) {
            throw new StoreUnavailableException("the users could not be read", e);
        }
    }

    /** Adds a user (in the transaction open on this thread, if any); false when the name is taken. */
    public boolean insert(UserAccount u, String passwordHash) {
        return db.write("the user could not be stored", c -> {
            try (PreparedStatement s = c.prepareStatement("insert into app_user (" + COLUMNS + ") values (?,?,?,?,?,?,?,?)")) {
                bind(s, u, passwordHash);
                s.executeUpdate();
                return true;
            } catch (SQLException e) {
                if (e.getSQLState() != null && e.getSQLState().startsWith("23")) {
                    return false;
                }
                throw e;
            }
        });
    }

    /** Replaces a user's roles, bindings, state and password hash (in the transaction open on this thread, if any). */
    public void update(UserAccount u, String passwordHash) {
        db.write("the user could not be stored", c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "update app_user set password_hash = ?, roles = ?, subjects = ?, jurisdictions = ?, disabled = ?, "
                            + "updated_at = ? where username = ?")) {
                s.setString(1, passwordHash);
                s.setString(2, write(u.roles().stream().map(Enum::name).toList()));
                s.setString(3, write(u.subjects()));
                s.setString(4, write(u.jurisdictions()));
                s.setBoolean(5, u.disabled());
                s.setObject(6, u.updatedAt());
                s.setString(7, u.username());
                return s.executeUpdate();
            }
        });
    }

    private void bind(PreparedStatement s, UserAccount u, String passwordHash) throws SQLException {
        s.setString(1, u.username());
        s.setString(2, passwordHash);
        s.setString(3, write(u.roles().stream().map(Enum::name).toList()));
        s.setString(4, write(u.subjects()));
        s.setString(5, write(u.jurisdictions()));
        s.setBoolean(6, u.disabled());
        s.setObject(7, u.createdAt());
        s.setObject(8, u.updatedAt());
    }

    private List<Stored> query(String sql, Object... args) {
        try (Connection c = db.connect(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            List<Stored> out = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    List<Role> roles = read(r.getString(3)).stream().map(Role::valueOf).toList();
                    out.add(new Stored(new UserAccount(r.getString(1), roles, read(r.getString(4)), read(r.getString(5)),
                            r.getBoolean(6), r.getObject(7, OffsetDateTime.class), r.getObject(8, OffsetDateTime.class)),
                            r.getString(2)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StoreUnavailableException("the users could not be read", e);
        }
    }

    private String write(List<String> values) {
        try {
            return json.writeValueAsString(values);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<String> read(String text) {
        try {
            return text == null || text.isBlank() ? List.of() : json.readValue(text, STRINGS);
        } catch (JsonProcessingException e) {
            return Arrays.asList(text.split(","));
        }
    }
}
