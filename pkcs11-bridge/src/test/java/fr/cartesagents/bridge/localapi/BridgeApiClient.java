package fr.cartesagents.bridge.localapi;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The portal page's side of the localhost API, over real HTTP: its origin and, once paired, its token. */
record BridgeApiClient(URI base, HttpClient http, String origin, String token) {

    static final JsonMapper JSON = JsonMapper.builder().build();

    static BridgeApiClient of(LocalApiServer server, String origin) {
        return new BridgeApiClient(server.baseUri(), HttpClient.newHttpClient(), origin, null);
    }

    BridgeApiClient withToken(String newToken) {
        return new BridgeApiClient(base, http, origin, newToken);
    }

    BridgeApiClient withOrigin(String newOrigin) {
        return new BridgeApiClient(base, http, newOrigin, token);
    }

    /** Pairs with {@code code} and keeps the token. */
    BridgeApiClient paired(String code) {
        HttpResponse<String> response = post("/v1/pairing", "{\"code\":\"" + code + "\"}");
        if (response.statusCode() != 200) {
            throw new IllegalStateException("Pairing failed: " + response.statusCode() + " " + response.body());
        }
        return withToken(json(response).get("token").asString());
    }

    HttpResponse<String> get(String path) {
        return send(request(path).GET().build());
    }

    HttpResponse<String> post(String path, String json) {
        return send(postRequest(path, json));
    }

    CompletableFuture<HttpResponse<String>> postAsync(String path, String json) {
        return http.sendAsync(postRequest(path, json), HttpResponse.BodyHandlers.ofString());
    }

    HttpRequest postRequest(String path, String json) {
        return request(path).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build();
    }

    HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(base.resolve(path));
        if (origin != null) {
            builder.header("Origin", origin);
        }
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder;
    }

    HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }
}
