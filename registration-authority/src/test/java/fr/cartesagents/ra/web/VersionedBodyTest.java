package fr.cartesagents.ra.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import fr.cartesagents.ra.problem.ProblemException;
import fr.cartesagents.ra.problem.ProblemType;

/** The commands a {@link VersionedBody} and a {@link JsonBody} give a service, and the order of their checks. */
class VersionedBodyTest {

    /** A body as the directory's endings take it: a day, or none for "at once". */
    record Ending(LocalDate endsOn) {
    }

    private static final Ending AT_ONCE = new Ending(null);
    private static final JsonRequests REQUESTS = new JsonRequests();

    private static VersionedBody<Ending> body(String ifMatch, String body) {
        return new VersionedBody<>(ifMatch, body, Ending.class, REQUESTS);
    }

    @Test
    void whenTheBodyIsOptionalAndAbsent_thenTheDefaultStandsForIt_andAGivenOneIsRead() {
        assertThat(body("\"4\"", null).commandOr(AT_ONCE).block()).isEqualTo(new VersionedChange<>(new EntityVersion(4), AT_ONCE));
        assertThat(body("\"4\"", "  ").commandOr(AT_ONCE).block().change()).isEqualTo(AT_ONCE);
        assertThat(body("\"4\"", "{\"endsOn\": \"2030-01-31\"}").commandOr(AT_ONCE).block().change())
                .isEqualTo(new Ending(LocalDate.of(2030, 1, 31)));
    }

    @Test
    void whenTheBodyIsRequiredAndAbsent_thenBadRequest() {
        problem(() -> body("\"4\"", null).command().block(), ProblemType.BAD_REQUEST);
        problem(() -> body(null, null).body().block(), ProblemType.BAD_REQUEST);
    }

    /** A stranger's request is refused by the service first; then If-Match is checked before the body is read. */
    @Test
    void theIfMatchIsCheckedBeforeTheBody_andNothingIsReadBeforeTheServiceSubscribes() {
        VersionedBody<Ending> missing = body(null, "{\"unknown\": 1}");
        var command = missing.commandOr(AT_ONCE); // nothing thrown yet: the service subscribes after its own check

        problem(command::block, ProblemType.PRECONDITION_REQUIRED);
        problem(() -> body("W/\"4\"", "{\"unknown\": 1}").commandOr(AT_ONCE).block(), ProblemType.BAD_REQUEST);
        problem(() -> body("\"4\"", "{\"unknown\": 1}").commandOr(AT_ONCE).block(), ProblemType.VALIDATION_FAILED);
    }

    @Test
    void whenIfMatchIsOptional_thenAbsentIsEmpty_butBlankOrMalformedIsStillAProblem() {
        assertThat(body(null, null).expectedIfGiven().block()).isEmpty();
        assertThat(body("\"9\"", null).expectedIfGiven().block()).isEqualTo(Optional.of(new EntityVersion(9)));
        problem(() -> body(" ", null).expectedIfGiven().block(), ProblemType.PRECONDITION_REQUIRED);
        problem(() -> body("\"x\"", null).expectedIfGiven().block(), ProblemType.BAD_REQUEST);
    }

    @Test
    void aJsonBodyIsReadStrictlyWhenSubscribed() {
        assertThat(new JsonBody<>("{\"endsOn\": null}", Ending.class, REQUESTS).value().block()).isEqualTo(AT_ONCE);
        problem(() -> new JsonBody<>("{\"endsOn\": null, \"endsOn\": null}", Ending.class, REQUESTS).value().block(),
                ProblemType.BAD_REQUEST);
        problem(() -> new JsonBody<>("", Ending.class, REQUESTS).value().block(), ProblemType.BAD_REQUEST);
    }

    private static void problem(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, ProblemType type) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ProblemException.class,
                problem -> assertThat(problem.problemType()).isEqualTo(type));
    }
}
