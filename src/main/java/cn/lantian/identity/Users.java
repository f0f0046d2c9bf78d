package cn.lantian.identity;

import cn.lantian.engine.FieldError;
import cn.lantian.engine.InvalidRequestException;
import cn.lantian.engine.RequestReader;
import cn.lantian.store.AuditLog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.Validator;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Managing users (ADMIN): create, list, change (roles, bindings, disable, reset the password); who am I. */
@ApplicationScoped
public class Users {
    public static final String NAME_PATTERN = "[a-z0-9][a-z0-9._-]{1,63}";

    @Inject
    UserStore store;

    @Inject
    SignIn signIn;

    @Inject
    AuditLog audit;

    @Inject
    Validator validator;

    @Inject
    Clock clock;

    @Inject
    cn.lantian.store.Database db;

    public record NewUser(@NotNull @Pattern(regexp = NAME_PATTERN, message = "2-64 lower-case letters, digits, '.', '_' or '-'") String username,
                          @NotNull @Size(min = 10, max = 200) String password,
                          @NotEmpty @Size(max = 6) List<@NotNull Role> roles,
                          @Size(max = 1000) List<@NotBlank @Size(max = 200) String> subjects,
                          @Size(max = 200) List<@NotBlank @Size(max = 100) String> jurisdictions) {}

    public record Change(Boolean disabled, @Size(min = 1, max = 6) List<@NotNull Role> roles,
                         @Size(min = 10, max = 200) String password,
                         @Size(max = 1000) List<@NotBlank @Size(max = 200) String> subjects,
                         @Size(max = 200) List<@NotBlank @Size(max = 100) String> jurisdictions) {}

    /** Thrown for a change that conflicts with the users as they are (a name taken, the last admin). */
    public static class Conflict extends RuntimeException {
        public Conflict(String message) {
            super(message);
        }
    }

    public UserAccount create(Actor actor, String body) {
        RequestReader reader = new RequestReader(validator);
        NewUser n = reader.parse(body, NewUser.class);
        List<FieldError> errors = new ArrayList<>(reader.violations(n));
        List<String> subjects = n.subjects() == null ? List.of() : List.copyOf(n.subjects());
        List<String> jurisdictions = n.jurisdictions() == null ? List.of() : List.copyOf(n.jurisdictions());
        if (errors.isEmpty()) {
            checkBindings(n.roles(), subjects, errors);
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException("The user is invalid", errors);
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        UserAccount account = new UserAccount(n.username(), List.copyOf(new java.util.LinkedHashSet<>(n.roles())),
                subjects, jurisdictions, false, now, now);
        String hash = Passwords.hash(n.password());
        // the user and its audit entry in one transaction: no change without its entry
        return db.transaction(() -> {
            if (!store.insert(account, hash)) {
                throw new Conflict("the user " + n.username() + " already exists");
            }
            audit.record(actor.username(), "USER_CREATED", account.username(), view(account));
            return account;
        });
    }

    public List<UserAccount> list() {
        return store.all();
    }

    public UserAccount change(Actor actor, String username, String body) {
        RequestReader reader = new RequestReader(validator);
        Change c = reader.parse(body, Change.class);
        List<FieldError> errors = new ArrayList<>(reader.violations(c));
        UserStore.Stored stored = store.find(username).orElseThrow(() -> new jakarta.ws.rs.NotFoundException("no user " + username));
        UserAccount was = stored.account();
        List<Role> roles = c.roles() == null ? was.roles() : List.copyOf(new java.util.LinkedHashSet<>(c.roles()));
        List<String> subjects = c.subjects() == null ? was.subjects() : List.copyOf(c.subjects());
        List<String> jurisdictions = c.jurisdictions() == null ? was.jurisdictions() : List.copyOf(c.jurisdictions());
        boolean disabled = c.disabled() == null ? was.disabled() : c.disabled();
        if (errors.isEmpty()) {
            checkBindings(roles, subjects, errors);
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException("The change is invalid", errors);
        }
        boolean staysAdmin = roles.contains(Role.ADMIN) && !disabled;
        UserAccount now = new UserAccount(username, roles, subjects, jurisdictions, disabled, was.createdAt(),
                OffsetDateTime.now(clock));
        String hash = c.password() == null ? stored.passwordHash() : Passwords.hash(c.password());
        Map<String, Object> detail = new LinkedHashMap<>(view(now));
        detail.put("passwordReset", c.password() != null);
        // the last-admin check, the change and its audit entry in one transaction, one change of users at a time
        synchronized (Users.class) {
            db.transaction(() -> {
                if (was.roles().contains(Role.ADMIN) && !was.disabled() && !staysAdmin
                        && store.all().stream().filter(u -> u.roles().contains(Role.ADMIN) && !u.disabled()).count() <= 1) {
                    throw new Conflict("the user " + username + " is the last enabled ADMIN; make another one first");
                }
                store.update(now, hash);
                audit.record(actor.username(), "USER_CHANGED", username, detail);
                return null;
            });
        }
        signIn.forget(username);
        return now;
    }

    /** An ENTERPRISE or MONITOR account is bound to at least one subject or device. */
    private static void checkBindings(List<Role> roles, List<String> subjects, List<FieldError> errors) {
        if ((roles.contains(Role.ENTERPRISE) || roles.contains(Role.MONITOR)) && subjects.isEmpty()) {
            errors.add(new FieldError("subjects", "an ENTERPRISE or MONITOR account names the subjects (or devices) it is bound to"));
        }
    }

    private static Map<String, Object> view(UserAccount a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("roles", a.roles());
        m.put("subjects", a.subjects());
        m.put("jurisdictions", a.jurisdictions());
        m.put("disabled", a.disabled());
        return m;
    }
}
