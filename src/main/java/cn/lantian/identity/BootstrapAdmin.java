package cn.lantian.identity;

import cn.lantian.store.AuditLog;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Nothing to set up: on the first start with no users the service creates {@code admin} (role ADMIN)
 * with the password in {@code LANTIAN_ADMIN_PASSWORD}, or else a random one written to
 * {@code <data dir>/initial-admin-password} (readable by its owner only) and printed once in the log.
 */
@ApplicationScoped
public class BootstrapAdmin {
    private static final Logger LOG = Logger.getLogger(BootstrapAdmin.class);
    public static final String USERNAME = "admin";

    @Inject
    UserStore users;

    @Inject
    AuditLog audit;

    @Inject
    Clock clock;

    @ConfigProperty(name = "lantian.admin.password")
    Optional<String> password;

    @ConfigProperty(name = "lantian.data.dir")
    Path dataDir;

    void onStart(@Observes StartupEvent start) {
        if (users.count() > 0) {
            return;
        }
        boolean given = password.isPresent() && !password.get().isBlank();
        String chosen = given ? password.get() : Passwords.random();
        OffsetDateTime now = OffsetDateTime.now(clock);
        UserAccount admin = new UserAccount(USERNAME, List.of(Role.ADMIN), List.of(), List.of(), false, now, now);
        if (!users.insert(admin, Passwords.hash(chosen))) {
            return; // another instance created it first
        }
        audit.record("system", "USER_CREATED", USERNAME, java.util.Map.of("roles", List.of("ADMIN"), "bootstrap", true));
        if (given) {
            LOG.infof("created the user %s with the password in LANTIAN_ADMIN_PASSWORD", USERNAME);
            return;
        }
        Path file = dataDir.resolve("initial-admin-password");
        try {
            Files.createDirectories(dataDir);
            Files.writeString(file, chosen + "\n", StandardCharsets.UTF_8);
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: the folder's own permissions guard it
            }
        } catch (IOException e) {
            LOG.warnf("could not write %s: %s", file, e.getMessage());
        }
        LOG.infof("created the user %s with the password %s (also in %s); sign in and change it", USERNAME, chosen,
                file.toAbsolutePath());
    }
}
