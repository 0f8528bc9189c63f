package fr.cartesagents.ra.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import fr.cartesagents.ra.problem.ProblemException;
import fr.cartesagents.ra.problem.ProblemMessages;
import fr.cartesagents.ra.problem.ProblemType;

class EntityVersionTest {

    @Test
    void theEtagIsTheQuotedVersionAndReadsBack() {
        assertThat(new EntityVersion(0).etag()).isEqualTo("\"0\"");
        assertThat(EntityVersion.fromIfMatch(new EntityVersion(42).etag())).isEqualTo(new EntityVersion(42));
        assertThat(EntityVersion.fromIfMatch("  \"7\"  ")).isEqualTo(new EntityVersion(7));
        assertThat(EntityVersion.fromIfMatch("\"999999999999999999\"").version()).isEqualTo(999_999_999_999_999_999L);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   "})
    void whenIfMatchIsAbsent_thenPreconditionRequired(String ifMatch) {
        assertThatThrownBy(() -> EntityVersion.fromIfMatch(ifMatch)).isInstanceOfSatisfying(ProblemException.class,
                problem -> assertThat(problem.problemType()).isEqualTo(ProblemType.PRECONDITION_REQUIRED));
    }

    /** Weak tags, wildcards, lists, unquoted or signed numbers, numbers beyond a long: none is one of our tags. */
    @ParameterizedTest
    @ValueSource(strings = {"W/\"3\"", "*", "\"3\", \"4\"", "3", "\"-1\"", "\"+1\"", "\"1.0\"", "\"\"", "\"abc\"",
            "\"9999999999999999999\"", "\"3"})
    void whenIfMatchIsNotOneOfOurTags_thenBadRequest(String ifMatch) {
        assertThatThrownBy(() -> EntityVersion.fromIfMatch(ifMatch)).isInstanceOfSatisfying(ProblemException.class,
                problem -> assertThat(problem.problemType()).isEqualTo(ProblemType.BAD_REQUEST));
    }

    @Test
    void aStaleVersionIsA412ThatTellsBothVersionsInTheCallersLanguage() {
        ProblemException stale = EntityVersion.stale(3, 5);
        assertThat(stale.problemType()).isEqualTo(ProblemType.PRECONDITION_FAILED);
        assertThat(stale.problemType().status().value()).isEqualTo(412);
        assertThat(stale.detail(ProblemMessages.ENGLISH)).contains("3").contains("5");
        assertThat(stale.detail(ProblemMessages.FRENCH)).contains("relisez");
    }
}
