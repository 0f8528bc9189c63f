package fr.cartesagents.ra.demo;

import java.time.Instant;

import org.springframework.context.annotation.Profile;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import fr.cartesagents.ra.problem.ProblemException;
import fr.cartesagents.ra.problem.ProblemType;
import fr.cartesagents.ra.security.DemoPrincipal;
import fr.cartesagents.ra.security.DemoTokens;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import reactor.core.publisher.Mono;

/**
 * {@code POST /api/v1/demo/login}: a bearer token for one of the seeded demo users
 * ({@link DemoUsers}), to try the portal without a card. Absent under the production profile.
 */
@RestController
@Profile("!production")
@Tag(name = "Demo")
class DemoLoginController {

    static final String PATH = DemoTokens.LOGIN_PATH;

    private final DemoUsers users;
    private final DemoTokens tokens;

    DemoLoginController(DemoUsers users, DemoTokens tokens) {
        this.users = users;
        this.tokens = tokens;
    }

    record DemoLoginRequest(@NotBlank @Size(max = 64) String user) {
    }

    record DemoLoginResponse(String token, String tokenType, Instant expiresAt, String user, String personId) {
    }

    @Operation(summary = "Demo login (not in production): a short-lived bearer token for a seeded demo user"
            + " (maire, delegue, agent, officier, auditeur)")
    @PostMapping(path = PATH, consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<DemoLoginResponse> login(@Valid @RequestBody DemoLoginRequest request) {
        return users.personOf(request.user())
                .switchIfEmpty(Mono.error(() -> ProblemException.localized(ProblemType.NOT_FOUND, "demo.unknown-user",
                        String.join(", ", DemoUsers.USERS.stream().map(DemoUsers.DemoUser::userName).toList()))))
                .map(person -> {
                    DemoTokens.Issued issued = tokens.issue(new DemoPrincipal(person, request.user()));
                    return new DemoLoginResponse(issued.token(), "Bearer", issued.expiresAt(), request.user(), person.toString());
                });
    }
}
