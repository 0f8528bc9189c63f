package fr.cartesagents.ra.database;

import java.net.ConnectException;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.TimeoutException;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.transaction.CannotCreateTransactionException;

import io.r2dbc.spi.R2dbcException;
import io.r2dbc.spi.R2dbcNonTransientResourceException;
import io.r2dbc.spi.R2dbcTimeoutException;
import io.r2dbc.spi.R2dbcTransientResourceException;

/**
 * Tells a failure of the database itself (unreachable, closed connection, shutting down, too slow)
 * from a failure of what was asked of it (a constraint, a syntax error): the first is worth a 503 and
 * a retry, the second is a bug or a conflict.
 */
public final class DatabaseFailures {

    private DatabaseFailures() {
    }

    /** True when {@code error}, or one of its causes, says the database could not be reached or did not answer in time. */
    public static boolean isUnavailable(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof R2dbcNonTransientResourceException || t instanceof R2dbcTransientResourceException
                    || t instanceof R2dbcTimeoutException || t instanceof TimeoutException
                    || t instanceof DataAccessResourceFailureException || t instanceof TransientDataAccessResourceException
                    || t instanceof QueryTimeoutException || t instanceof CannotCreateTransactionException
                    || t instanceof ConnectException || t instanceof ClosedChannelException
                    || t instanceof io.r2dbc.pool.ConnectionPoolException) {
                return true;
            }
            if (t instanceof R2dbcException r2dbc && isConnectionState(r2dbc.getSqlState())) {
                return true;
            }
        }
        return false;
    }

    /** SQLSTATE class 08 (connection exception), 57P01-57P03 (shutdown, cannot connect now), 57014 (statement timeout). */
    private static boolean isConnectionState(String sqlState) {
        return sqlState != null && (sqlState.startsWith("08") || sqlState.startsWith("57P") || sqlState.equals("57014"));
    }
}
