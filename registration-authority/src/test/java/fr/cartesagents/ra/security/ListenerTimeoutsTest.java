package fr.cartesagents.ra.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

import org.junit.jupiter.api.Test;

import fr.cartesagents.ra.testsupport.ShortTimersServer;

/**
 * Security finding 4 (issue 10), with real sockets on both listeners: a connection that stays idle,
 * or whose request headers stop half-way, is closed after the idle timeout (2 s here); beyond the
 * connection limit, new connections are closed at once.
 */
class ListenerTimeoutsTest extends ShortTimersServer {

    /** Well above the 2 s idle timeout, well below "never". */
    private static final Duration CLOSED_WITHIN = Duration.ofSeconds(12);
    private static final String HALF_SENT = "GET /pki/ca HTTP/1.1\r\nHost: localhost\r\nX-Slow: ";

    @Test
    void whenAPlainConnectionIsIdleOrHalfSent_thenThePlainListenerClosesIt() throws IOException {
        try (Socket idle = new Socket("127.0.0.1", pkiPort); Socket halfSent = new Socket("127.0.0.1", pkiPort)) {
            halfSent.getOutputStream().write(HALF_SENT.getBytes(StandardCharsets.US_ASCII));
            halfSent.getOutputStream().flush();

            assertThat(closedByServer(idle)).as("idle connection on the plain listener").isTrue();
            assertThat(closedByServer(halfSent)).as("half-sent request on the plain listener").isTrue();
        }
    }

    @Test
    void whenATlsConnectionIsIdleOrHalfSent_thenTheApiListenerClosesIt() throws IOException {
        try (Socket noHandshake = new Socket("127.0.0.1", apiListener.port());
             SSLSocket idle = tls(); SSLSocket halfSent = tls()) {
            halfSent.getOutputStream().write(HALF_SENT.replace("/pki/ca", "/api/v1/me").getBytes(StandardCharsets.US_ASCII));
            halfSent.getOutputStream().flush();

            assertThat(closedByServer(noHandshake)).as("TCP connection that never starts TLS").isTrue();
            assertThat(closedByServer(idle)).as("idle TLS connection").isTrue();
            assertThat(closedByServer(halfSent)).as("half-sent request over TLS").isTrue();
        }
    }

    @Test
    void whenMoreConnectionsThanTheLimitAreOpened_thenTheExtraOnesAreClosedAtOnce() throws IOException {
        int extra = 10;
        List<Socket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < MAX_CONNECTIONS + extra; i++) {
                Socket socket = new Socket();
                socket.connect(new InetSocketAddress("127.0.0.1", pkiPort), 5_000);
                sockets.add(socket);
            }
            pause(Duration.ofMillis(500)); // less than the idle timeout: only the limit closes connections by now
            int closed = 0;
            for (Socket socket : sockets) {
                if (closedAlready(socket)) {
                    closed++;
                }
            }
            assertThat(closed).as("connections closed before the idle timeout, of " + sockets.size()).isGreaterThanOrEqualTo(extra)
                    .isLessThan(sockets.size());
        } finally {
            for (Socket socket : sockets) {
                socket.close();
            }
        }
    }

    /** Whether the server closes the connection (end of stream or reset) within {@link #CLOSED_WITHIN}. */
    private static boolean closedByServer(Socket socket) throws IOException {
        socket.setSoTimeout((int) CLOSED_WITHIN.toMillis());
        InputStream in = socket.getInputStream();
        try {
            while (true) {
                if (in.read() < 0) {
                    return true;
                }
            }
        } catch (SocketTimeoutException stillOpen) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }

    /** Whether the server has already closed the connection (the end of stream is there to read). */
    private static boolean closedAlready(Socket socket) throws IOException {
        socket.setSoTimeout(50);
        try {
            return socket.getInputStream().read() < 0;
        } catch (SocketTimeoutException stillOpen) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }

    /** A TLS connection to the API listener, handshake done, no client certificate. */
    private SSLSocket tls() {
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            int i = 0;
            try (InputStream chain = Files.newInputStream(dataDirectory().resolve("ca-chain.pem"))) {
                for (var certificate : CertificateFactory.getInstance("X.509").generateCertificates(chain)) {
                    trust.setCertificateEntry("ca" + i++, (X509Certificate) certificate);
                }
            }
            TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trustManagers.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trustManagers.getTrustManagers(), null);
            SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("localhost", apiListener.port());
            socket.setSoTimeout(10_000);
            socket.startHandshake();
            return socket;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
