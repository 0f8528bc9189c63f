package fr.cartesagents.ca.token;

import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKR_DEVICE_REMOVED;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKR_PIN_INCORRECT;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKR_PIN_LEN_RANGE;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKR_PIN_LOCKED;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKR_SESSION_CLOSED;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKR_SESSION_HANDLE_INVALID;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKR_TOKEN_NOT_PRESENT;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKR_USER_ALREADY_LOGGED_IN;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKR_USER_NOT_LOGGED_IN;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKS_RO_USER_FUNCTIONS;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKS_RW_USER_FUNCTIONS;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKU_USER;

import java.util.Arrays;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;

import org.xipki.pkcs11.wrapper.PKCS11Exception;
import org.xipki.pkcs11.wrapper.Session;
import org.xipki.pkcs11.wrapper.Token;

/**
 * A bounded pool of read-write sessions on one token, logged in as the user.
 *
 * <p>A PKCS#11 session runs one operation at a time, so each thread borrows its own. The login state
 * belongs to the application, not to a session: the first session logs in and the others inherit
 * it. Sessions are never logged out explicitly — that would log out every other session of this
 * process on the token — they are just closed, and the token forgets the login with the last one.
 */
final class Pkcs11SessionPool implements AutoCloseable {

    /** Work done on a borrowed session. */
    @FunctionalInterface
    interface SessionWork<T> {
        T apply(Session session) throws PKCS11Exception;
    }

    private final Token token;
    private final String description;
    private final char[] userPin;
    private final Semaphore permits;
    private final ConcurrentLinkedQueue<Session> idle = new ConcurrentLinkedQueue<>();
    private volatile boolean closed;

    Pkcs11SessionPool(Token token, String description, char[] userPin, int maxSessions) {
        this.token = token;
        this.description = description;
        this.userPin = userPin.clone();
        this.permits = new Semaphore(maxSessions, true);
    }

    /** Opens and logs in the first session now, so that a wrong PIN is reported by open(). */
    void warmUp() {
        Session session = borrow();
        release(session);
    }

    /**
     * Runs {@code work} on a logged-in session. A session the token has invalidated is replaced and
     * a lost login restored, once.
     */
    <T> T execute(SessionWork<T> work) throws PKCS11Exception {
        Session session = borrow();
        boolean healthy = true;
        try {
            try {
                return work.apply(session);
            } catch (PKCS11Exception e) {
                long code = e.getErrorCode();
                if (code == CKR_USER_NOT_LOGGED_IN) {
                    login(session);
                    return work.apply(session);
                }
                if (code == CKR_SESSION_HANDLE_INVALID || code == CKR_SESSION_CLOSED) {
                    healthy = false;
                    closeQuietly(session);
                    session = openLoggedIn();
                    healthy = true;
                    return work.apply(session);
                }
                if (code == CKR_DEVICE_REMOVED || code == CKR_TOKEN_NOT_PRESENT) {
                    healthy = false;
                }
                throw e;
            }
        } finally {
            if (healthy) {
                release(session);
            } else {
                closeQuietly(session);
                permits.release();
            }
        }
    }

    private Session borrow() {
        ensureOpen();
        try {
            permits.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CryptoTokenException("Interrupted while waiting for a session on " + description, e);
        }
        Session session = idle.poll();
        if (session != null) {
            return session;
        }
        try {
            return openLoggedIn();
        } catch (RuntimeException e) {
            permits.release();
            throw e;
        }
    }

    private void release(Session session) {
        if (closed) {
            closeQuietly(session);
        } else {
            idle.offer(session);
        }
        permits.release();
    }

    private Session openLoggedIn() {
        Session session;
        try {
            session = token.openSession(true);
        } catch (PKCS11Exception e) {
            throw new CryptoTokenException("Cannot open a session on " + description + ": " + e.getErrorName(), e);
        }
        try {
            long state = session.getSessionInfo().getState();
            if (state != CKS_RW_USER_FUNCTIONS && state != CKS_RO_USER_FUNCTIONS) {
                login(session);
            }
            return session;
        } catch (PKCS11Exception | RuntimeException e) {
            closeQuietly(session);
            if (e instanceof CryptoTokenException cte) {
                throw cte;
            }
            throw new CryptoTokenException("Cannot log in to " + description + ": " + errorName(e), e);
        }
    }

    private void login(Session session) throws PKCS11Exception {
        try {
            session.login(CKU_USER, userPin);
        } catch (PKCS11Exception e) {
            long code = e.getErrorCode();
            if (code == CKR_USER_ALREADY_LOGGED_IN) {
                return;
            }
            if (code == CKR_PIN_INCORRECT || code == CKR_PIN_LEN_RANGE) {
                throw new CryptoTokenException("Wrong user PIN for " + description);
            }
            if (code == CKR_PIN_LOCKED) {
                throw new CryptoTokenException("The user PIN of " + description + " is locked");
            }
            throw e;
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new CryptoTokenException(description + " is closed");
        }
    }

    @Override
    public void close() {
        closed = true;
        Session session;
        while ((session = idle.poll()) != null) {
            closeQuietly(session);
        }
        Arrays.fill(userPin, '\0');
    }

    private static void closeQuietly(Session session) {
        try {
            session.closeSession();
        } catch (PKCS11Exception | RuntimeException e) {
            // Already gone: nothing left to release.
        }
    }

    private static String errorName(Exception e) {
        return e instanceof PKCS11Exception p ? p.getErrorName() : e.getClass().getSimpleName();
    }
}
