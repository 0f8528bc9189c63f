package fr.cartesagents.ra.holdercode;

import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.stereotype.Component;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Salted slow hashes of the codes given to holders: Argon2id with OWASP's minimum (19 MiB, 2
 * passes, 16-byte salt), so that a copy of the database does not give the codes away. Hashing and
 * checking take tens of milliseconds on purpose, so they run on the bounded-elastic scheduler;
 * the comparison of the final hashes is constant-time. {@link #dummyCheck} costs the same as a
 * real check, for callers that must not show by their timing that there was nothing to check.
 */
@Component
public class CodeHasher {

    private final Argon2PasswordEncoder argon2 = new Argon2PasswordEncoder(16, 32, 1, 19 * 1024, 2);
    private final String dummyHash = argon2.encode("no code: a check that takes as long as a real one");

    public Mono<String> hash(String code) {
        return Mono.fromCallable(() -> argon2.encode(code)).subscribeOn(Schedulers.boundedElastic());
    }

    public Mono<Boolean> matches(String code, String hash) {
        return Mono.fromCallable(() -> argon2.matches(code, hash)).subscribeOn(Schedulers.boundedElastic());
    }

    /** Always false, after as much work as {@link #matches}. */
    public Mono<Boolean> dummyCheck(String code) {
        return matches(code + "\u0000", dummyHash).map(ignored -> false);
    }
}
