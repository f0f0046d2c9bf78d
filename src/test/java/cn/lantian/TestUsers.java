package cn.lantian;

import cn.lantian.identity.Passwords;
import cn.lantian.identity.Role;
import cn.lantian.identity.UserAccount;
import cn.lantian.identity.UserStore;
import cn.lantian.store.StoreUnavailableException;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * The users every {@code @QuarkusTest} can sign in as, made at start-up when missing. {@link #TESTER}
 * holds every staff role in every jurisdiction and is the suite's default (see {@link SignedInByDefault});
 * the others are the role matrix's: each role alone, some bound to one jurisdiction or subject.
 */
@ApplicationScoped
public class TestUsers {
    public static final String PASSWORD = "test-password-1";
    public static final String TESTER = "tester";
    public static final String ADMIN = "t-admin";
    public static final String CHIEF = "t-chief";
    public static final String CHIEF_ZZ = "t-chief-zz";
    public static final String INSPECTOR = "t-inspector";
    public static final String INSPECTOR_ZZ = "t-inspector-zz";
    public static final String INSPECTOR_GD = "t-inspector-gd";
    public static final String AUDITOR = "t-auditor";
    public static final String ENTERPRISE = "t-enterprise";
    public static final String MONITOR = "t-monitor";
    /** The subject the ENTERPRISE account is bound to, and the device of the MONITOR account. */
    public static final String OWN_SUBJECT = "T-OWN-1";
    public static final String OWN_DEVICE = "T-DEV-1";

    @Inject
    UserStore users;

    @Inject
    Clock clock;

    void onStart(@Observes @Priority(10_000) StartupEvent start) {
        try {
            makeAll();
        } catch (StoreUnavailableException e) {
            // a test of the store out of reach: nobody can sign in, which is what it tests
        }
    }

    private void makeAll() {
        make(TESTER, List.of(Role.ADMIN, Role.CHIEF, Role.INSPECTOR, Role.AUDITOR), List.of(), List.of());
        make(ADMIN, List.of(Role.ADMIN), List.of(), List.of());
        make(CHIEF, List.of(Role.CHIEF), List.of(), List.of());
        make(CHIEF_ZZ, List.of(Role.CHIEF), List.of(), List.of("zhengzhou"));
        make(INSPECTOR, List.of(Role.INSPECTOR), List.of(), List.of());
        make(INSPECTOR_ZZ, List.of(Role.INSPECTOR), List.of(), List.of("zhengzhou"));
        make(INSPECTOR_GD, List.of(Role.INSPECTOR), List.of(), List.of("gdcity"));
        make(AUDITOR, List.of(Role.AUDITOR), List.of(), List.of());
        make(ENTERPRISE, List.of(Role.ENTERPRISE), List.of(OWN_SUBJECT), List.of());
        make(MONITOR, List.of(Role.MONITOR), List.of(OWN_DEVICE), List.of());
    }

    private void make(String name, List<Role> roles, List<String> subjects, List<String> jurisdictions) {
        if (users.find(name).isEmpty()) {
            OffsetDateTime now = OffsetDateTime.now(clock);
            users.insert(new UserAccount(name, roles, subjects, jurisdictions, false, now, now), Passwords.hash(PASSWORD));
        }
    }
}
