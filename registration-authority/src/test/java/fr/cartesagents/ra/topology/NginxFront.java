package fr.cartesagents.ra.topology;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import fr.cartesagents.ca.testutil.RequiredTool;

/**
 * The front of the production topology, Debian's {@code nginx}: it terminates the users' mutual TLS
 * (their card's certificate, checked against our CA chain), forwards the verified certificate to a node
 * as {@code X-Client-Certificate} over TLS, authenticated by the front's own client certificate (which
 * the nodes know as a trusted front), and load-balances the plain-HTTP PKI repository. A node that stops
 * answering is skipped for the next requests.
 */
final class NginxFront implements AutoCloseable {

    private final Process process;
    private final Path directory;
    final int pkiPort;
    final int apiPort;

    private NginxFront(Process process, Path directory, int pkiPort, int apiPort) {
        this.process = process;
        this.directory = directory;
        this.pkiPort = pkiPort;
        this.apiPort = apiPort;
    }

    /**
     * @param tls the front's server certificate and key (PEM), the CA chain clients' certificates must
     *            chain to, and the front's client certificate and key towards the nodes
     */
    static NginxFront start(Path directory, int pkiPort, int apiPort, FrontTls tls, List<NodeProcess> nodes) {
        Path nginx = requireNginx();
        String pkiServers = nodes.stream().map(node -> "    server 127.0.0.1:" + node.pkiPort + " max_fails=3 fail_timeout=5s;")
                .collect(Collectors.joining("\n"));
        String apiServers = nodes.stream().map(node -> "    server 127.0.0.1:" + node.apiPort + " max_fails=3 fail_timeout=5s;")
                .collect(Collectors.joining("\n"));
        String configuration = """
                daemon off;
                master_process on;
                worker_processes 1;
                %s
                pid %s/nginx.pid;
                error_log %s/error.log warn;
                events { worker_connections 2048; }
                http {
                  access_log off;
                  client_body_temp_path %s/body;
                  proxy_temp_path %s/proxy;
                  fastcgi_temp_path %s/fastcgi;
                  uwsgi_temp_path %s/uwsgi;
                  scgi_temp_path %s/scgi;
                  upstream pki {
                %s
                    keepalive 16;
                  }
                  upstream api {
                %s
                    keepalive 16;
                  }
                  # The PKI repository, plain HTTP, as relying parties read it.
                  server {
                    listen 127.0.0.1:%d;
                    location / {
                      proxy_pass http://pki;
                      proxy_http_version 1.1;
                      proxy_set_header Connection "";
                      proxy_connect_timeout 3s;
                      proxy_read_timeout 10s;
                      proxy_next_upstream error timeout http_502 http_503;
                    }
                  }
                  # The API: the card's mutual TLS ends here; the node gets the certificate in X-Client-Certificate.
                  server {
                    listen 127.0.0.1:%d ssl;
                    ssl_certificate %s;
                    ssl_certificate_key %s;
                    ssl_client_certificate %s;
                    ssl_verify_client on;
                    ssl_verify_depth 2;
                    client_max_body_size 1m;
                    location / {
                      proxy_pass https://api;
                      proxy_http_version 1.1;
                      proxy_set_header Connection "";
                      proxy_set_header X-Client-Certificate $ssl_client_escaped_cert;
                      proxy_ssl_certificate %s;
                      proxy_ssl_certificate_key %s;
                      proxy_ssl_session_reuse on;
                      proxy_connect_timeout 3s;
                      proxy_read_timeout 30s;
                      # a POST is never sent twice (it may have issued); the client retries with its Idempotency-Key
                      proxy_next_upstream error timeout;
                    }
                  }
                }
                """.formatted(PostgresServer.isRoot() ? "user root root;" : "", directory, directory, directory, directory,
                directory, directory, directory, pkiServers, apiServers, pkiPort, apiPort, tls.serverCertificate(),
                tls.serverKey(), tls.clientCa(), tls.frontCertificate(), tls.frontKey());
        try {
            Files.createDirectories(directory);
            Path file = directory.resolve("nginx.conf");
            Files.writeString(file, configuration);
            Process process = new ProcessBuilder(nginx.toString(), "-c", file.toString(), "-p", directory.toString())
                    .redirectErrorStream(true).redirectOutput(directory.resolve("nginx.out").toFile()).start();
            NginxFront front = new NginxFront(process, directory, pkiPort, apiPort);
            front.awaitListening();
            return front;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path requireNginx() {
        return new RequiredTool("nginx", "nginx", List.of(Path.of("/usr/sbin/nginx"))).require();
    }

    /** PEM files of the front. */
    record FrontTls(Path serverCertificate, Path serverKey, Path clientCa, Path frontCertificate, Path frontKey) {
    }

    java.net.URI pki(String path) {
        return java.net.URI.create("http://127.0.0.1:" + pkiPort + path);
    }

    java.net.URI api(String path) {
        return java.net.URI.create("https://localhost:" + apiPort + path);
    }

    private void awaitListening() {
        for (int i = 0; i < 100; i++) {
            if (!process.isAlive()) {
                throw new IllegalStateException("nginx exited: " + read("nginx.out") + read("error.log"));
            }
            try (Socket pki = new Socket("127.0.0.1", pkiPort); Socket api = new Socket("127.0.0.1", apiPort)) {
                return;
            } catch (IOException e) {
                try {
                    Thread.sleep(100);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
        throw new IllegalStateException("nginx does not listen: " + read("error.log"));
    }

    private String read(String file) {
        try {
            return Files.readString(directory.resolve(file));
        } catch (IOException e) {
            return "";
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process.destroyForcibly();
    }
}
