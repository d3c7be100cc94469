package io.docqa.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiPredicate;
import org.junit.jupiter.api.Test;

class VerifiedPasswordsTest {

    private final AtomicLong now = new AtomicLong();
    private final AtomicInteger bcryptCalls = new AtomicInteger();
    private final String hashOfSecret = Passwords.hash("secret-one");
    private final BiPredicate<String, String> countingBcrypt = (password, hash) -> {
        bcryptCalls.incrementAndGet();
        return Passwords.matches(password, hash);
    };

    @Test
    void a_checked_password_is_not_checked_again_by_bcrypt_within_the_ttl() {
        VerifiedPasswords cache = new VerifiedPasswords(Duration.ofMinutes(5), now::get, countingBcrypt);
        assertTrue(cache.matches("ann", "secret-one", hashOfSecret));
        assertTrue(cache.matches("ann", "secret-one", hashOfSecret));
        assertTrue(cache.matches("ann", "secret-one", hashOfSecret));
        assertEquals(1, bcryptCalls.get());
    }

    @Test
    void a_wrong_password_is_refused_even_right_after_the_right_one() {
        VerifiedPasswords cache = new VerifiedPasswords(Duration.ofMinutes(5), now::get, countingBcrypt);
        assertTrue(cache.matches("ann", "secret-one", hashOfSecret));
        assertFalse(cache.matches("ann", "secret-one ", hashOfSecret));
        assertFalse(cache.matches("ann", "Secret-one", hashOfSecret));
        assertFalse(cache.matches("bob", "secret-one", Passwords.hash("bobs-password")), "another user's password");
    }

    @Test
    void a_changed_stored_hash_makes_the_old_password_fail_at_once() {
        VerifiedPasswords cache = new VerifiedPasswords(Duration.ofMinutes(5), now::get, countingBcrypt);
        assertTrue(cache.matches("ann", "secret-one", hashOfSecret));
        String newHash = Passwords.hash("secret-two");
        assertFalse(cache.matches("ann", "secret-one", newHash));
        assertTrue(cache.matches("ann", "secret-two", newHash));
    }

    @Test
    void after_the_ttl_the_password_is_checked_by_bcrypt_again() {
        VerifiedPasswords cache = new VerifiedPasswords(Duration.ofMinutes(5), now::get, countingBcrypt);
        assertTrue(cache.matches("ann", "secret-one", hashOfSecret));
        now.addAndGet(Duration.ofMinutes(5).plusSeconds(1).toNanos());
        assertTrue(cache.matches("ann", "secret-one", hashOfSecret));
        assertEquals(2, bcryptCalls.get());
    }

    @Test
    void a_ttl_of_zero_checks_bcrypt_every_time() {
        VerifiedPasswords cache = new VerifiedPasswords(Duration.ZERO, now::get, countingBcrypt);
        assertTrue(cache.matches("ann", "secret-one", hashOfSecret));
        assertTrue(cache.matches("ann", "secret-one", hashOfSecret));
        assertEquals(2, bcryptCalls.get());
    }
}
