package cn.lantian.identity;

import io.quarkus.elytron.security.common.BcryptUtil;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import org.wildfly.security.password.Password;
import org.wildfly.security.password.PasswordFactory;
import org.wildfly.security.password.interfaces.BCryptPassword;
import org.wildfly.security.password.util.ModularCrypt;

/** Passwords are kept as bcrypt hashes (Modular Crypt Format, "$2a$…"), never in clear. */
public final class Passwords {
    /** bcrypt's cost: 2^10 rounds, about 50-100 ms a check here; verified sign-ins are cached (SignIn). */
    private static final int COST = 10;
    private static final SecureRandom RANDOM = new SecureRandom();

    private Passwords() {}

    public static String hash(String password) {
        return BcryptUtil.bcryptHash(password, COST);
    }

    public static boolean matches(String password, String hash) {
        try {
            Password stored = ModularCrypt.decode(hash);
            PasswordFactory factory = PasswordFactory.getInstance(BCryptPassword.ALGORITHM_BCRYPT);
            return factory.verify(factory.translate(stored), password.toCharArray());
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    /** A random password a person can type: 18 characters of URL-safe base64. */
    public static String random() {
        byte[] bytes = new byte[14];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
