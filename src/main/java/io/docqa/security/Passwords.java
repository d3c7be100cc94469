package io.docqa.security;

import io.quarkus.elytron.security.common.BcryptUtil;
import java.security.SecureRandom;
import java.util.Base64;

/** bcrypt hashing (adaptive, salted) and random passwords. */
public final class Passwords {

    private static final int BCRYPT_COST = 10;

    /** Shortest password accepted for new or changed passwords. */
    public static final int MIN_LENGTH = 8;
    /** bcrypt reads at most 72 bytes; longer passwords would be silently cut. */
    public static final int MAX_LENGTH = 72;
    private static final SecureRandom RANDOM = new SecureRandom();

    private Passwords() {
    }

    public static String hash(String password) {
        return BcryptUtil.bcryptHash(password, BCRYPT_COST);
    }

    public static boolean matches(String password, String hash) {
        return BcryptUtil.matches(password, hash);
    }

    public static String random() {
        byte[] bytes = new byte[18];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
