package fr.cartesagents.ra.ratelimit;

import java.util.Optional;

import org.springframework.http.server.reactive.ServerHttpRequest;

/** The address a request came from: the subject of per-address limits and the audit trail's remote address. */
public final class ClientAddress {

    private ClientAddress() {
    }

    public static String of(ServerHttpRequest request) {
        return Optional.ofNullable(request.getRemoteAddress())
                .map(remote -> remote.getAddress() == null ? remote.getHostString() : remote.getAddress().getHostAddress())
                .orElse("unknown");
    }
}
