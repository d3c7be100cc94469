package io.docqa.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiPredicate;
import java.util.function.LongSupplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Remembers, for a short while, that a password was checked against a user's stored bcrypt hash, so that HTTP Basic
 * clients (which send the password with every request) pay bcrypt's deliberate cost once, not on every call.
 * <p>
 * Only an HMAC of the password under a random per-process key is kept, together with the stored hash it was checked
 * against. A remembered check counts only while the user's stored hash is still the same, so a changed password or a
 * reset takes effect at once; the caller still loads the user on every request, so disabling and role changes do too.
 * A TTL of zero turns the cache off.
 */
@ApplicationScoped
public class VerifiedPasswords {

    private record Entry(String storedHash, byte[] passwordMac, long expiresAtNanos) {
    }

    /** Upper bound of remembered users; beyond it the cache is cleared (it is only a cache). */
    static final int MAX_ENTRIES = 10_000;

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final SecretKeySpec key;
    private final long ttlNanos;
    private final LongSupplier clock;
    private final BiPredicate<String, String> bcrypt;
    private final AtomicLong hashChecks = new AtomicLong();
    /** A bcrypt hash of a random password, checked for unknown names so they cost what a known name costs. */
    private final String dummyHash = Passwords.hash(Passwords.random());

    @Inject
    public VerifiedPasswords(SecurityConfig config) {
        this(config.passwordCacheTtl(), System::nanoTime, Passwords::matches);
    }

    VerifiedPasswords(Duration ttl, LongSupplier clock, BiPredicate<String, String> bcrypt) {
        this.bcrypt = bcrypt;
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        this.key = new SecretKeySpec(secret, "HmacSHA256");
        this.ttlNanos = ttl.toNanos();
        this.clock = clock;
    }

    /** True when {@code password} matches {@code storedHash}; bcrypt runs only if no fresh check is remembered. */
    public boolean matches(String username, String password, String storedHash) {
        if (ttlNanos <= 0) {
            return check(password, storedHash);
        }
        byte[] mac = mac(username, password);
        Entry known = entries.get(username);
        long now = clock.getAsLong();
        if (known != null && known.storedHash().equals(storedHash) && now - known.expiresAtNanos() < 0
                && MessageDigest.isEqual(known.passwordMac(), mac)) {
            return true;
        }
        if (!check(password, storedHash)) {
            return false;
        }
        if (entries.size() >= MAX_ENTRIES) {
            entries.clear();
        }
        entries.put(username, new Entry(storedHash, mac, now + ttlNanos));
        return true;
    }

    /**
     * Refuses a sign-in with a name that has no account after running bcrypt against a dummy hash of the same cost,
     * so that the answer takes as long as a wrong password for a real account and does not tell which names exist.
     */
    public boolean matchesNoAccount(String password) {
        check(password, dummyHash);
        return false;
    }

    /** bcrypt checks run since start (a remembered check runs none): lets tests see that a path paid for one. */
    public long hashChecks() {
        return hashChecks.get();
    }

    private boolean check(String password, String storedHash) {
        hashChecks.incrementAndGet();
        return bcrypt.test(password, storedHash);
    }

    /** Forgets the user's remembered check (password reset, disabling): the next request runs bcrypt again. */
    public void forget(String username) {
        entries.remove(username);
    }

    private byte[] mac(String username, String password) {
        try {
            Mac m = Mac.getInstance("HmacSHA256");
            m.init(key);
            m.update(username.getBytes(StandardCharsets.UTF_8));
            m.update((byte) 0);
            return m.doFinal(password.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
