package fr.cartesagents.ra.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import fr.cartesagents.ra.problem.ProblemException;
import fr.cartesagents.ra.problem.ProblemType;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The authorization rules without a server: {@link AccessPolicy} asks the owners of the
 * collectivities and of the directory through {@link CollectivityAccessFacts} and
 * {@link PersonAccessFacts}, here a made-up territory. Own collectivity yes, another no, the
 * office's collectivities for its officers, trust permissions withdrawn from a suspended
 * collectivity's mayor only, a person's record to themselves or to whoever manages one of their
 * collectivities, and a trust role's holder only to whoever governs that role.
 */
class AccessPolicyRulesTest {

    private final Territory territory = new Territory();
    private final AccessPolicy policy = new AccessPolicy(territory, territory);

    @Test
    void mayorsAndDelegatesActOnlyOnTheirOwnCollectivity() {
        UUID office = UUID.randomUUID();
        UUID own = territory.commune(office);
        UUID other = territory.commune(office);
        Actor delegate = actor(Grant.in(Role.DELEGATE, own));

        assertThat(policy.allows(delegate, Permission.MANAGE_DIRECTORY, own).block()).isTrue();
        assertThat(policy.allows(delegate, Permission.READ, other).block()).isFalse();
        assertThat(policy.allows(delegate, Permission.APPOINT_DELEGATES, own).block()).isFalse();
        assertThat(policy.allows(actor(Grant.in(Role.MAYOR, own)), Permission.APPOINT_DELEGATES, own).block()).isTrue();
        assertProblem(() -> policy.require(delegate, Permission.READ, other).block(), ProblemType.FORBIDDEN);
        assertProblem(() -> policy.require(delegate, Permission.READ, UUID.randomUUID()).block(), ProblemType.COLLECTIVITY_NOT_FOUND);
    }

    @Test
    void registrationOfficersActOnTheCollectivitiesTheirOfficeServes() {
        UUID office = UUID.randomUUID();
        UUID served = territory.commune(office);
        UUID elsewhere = territory.commune(UUID.randomUUID());
        Actor officer = actor(Grant.in(Role.REGISTRATION_OFFICER, office));

        assertThat(policy.allows(officer, Permission.HAND_OVER_CARDS, served).block()).isTrue();
        assertThat(policy.allows(officer, Permission.HAND_OVER_CARDS, elsewhere).block()).isFalse();
        assertThat(policy.allows(officer, Permission.MANAGE_HABILITATIONS, served).block()).isFalse();
        assertThat(policy.readableCollectivities(officer).block().ids()).contains(served).doesNotContain(elsewhere);
    }

    @Test
    void aSuspendedCollectivityKeepsItsMayorOutOfTrustOperationsButNotItsOffice() {
        UUID office = UUID.randomUUID();
        UUID commune = territory.commune(office);
        territory.suspendTrust(commune);
        Actor mayor = actor(Grant.in(Role.MAYOR, commune));

        assertProblem(() -> policy.require(mayor, Permission.ORDER_CARDS, commune).block(), ProblemType.TRUST_ROLES_SUSPENDED);
        assertThat(policy.allows(mayor, Permission.MANAGE_DIRECTORY, commune).block()).isTrue();
        assertThat(policy.allows(actor(Grant.in(Role.REGISTRATION_OFFICER, office)), Permission.ORDER_CARDS, commune).block()).isTrue();
    }

    @Test
    void auditorsReadEverythingAndChangeNothing() {
        UUID commune = territory.commune(UUID.randomUUID());
        Actor auditor = actor(Grant.everywhere(Role.AUDITOR));

        assertThat(policy.allows(auditor, Permission.READ, commune).block()).isTrue();
        assertThat(policy.allows(auditor, Permission.MANAGE_DIRECTORY, commune).block()).isFalse();
        assertThat(policy.readableCollectivities(auditor).block().all()).isTrue();
        assertProblem(() -> policy.requireEverywhere(auditor, Permission.ADMINISTER).block(), ProblemType.FORBIDDEN);
    }

    @Test
    void aPersonsRecordIsOpenToThemselvesAndToWhoeverManagesOneOfTheirCollectivities() {
        UUID office = UUID.randomUUID();
        UUID theirs = territory.commune(office);
        UUID other = territory.commune(office);
        UUID person = territory.personIn(theirs);
        Actor self = new Actor("self", Optional.of(person), Set.of(Grant.in(Role.HOLDER, person)), "test", Optional.empty());

        assertThat(policy.requireSelfOr(self, person, Permission.MANAGE_DIRECTORY).blockOptional()).isEmpty();
        assertThat(policy.requireSelfOr(actor(Grant.in(Role.DELEGATE, theirs)), person, Permission.MANAGE_DIRECTORY)
                .blockOptional()).isEmpty();
        assertThat(policy.requireSelfOr(actor(Grant.everywhere(Role.AUDITOR)), person, Permission.READ).blockOptional()).isEmpty();
        assertProblem(() -> policy.requireSelfOr(actor(Grant.in(Role.DELEGATE, other)), person, Permission.MANAGE_DIRECTORY)
                .block(), ProblemType.FORBIDDEN);
        assertProblem(() -> policy.requireSelfOr(actor(Grant.everywhere(Role.AUDITOR)), person, Permission.MANAGE_DIRECTORY)
                .block(), ProblemType.FORBIDDEN);
    }

    @Test
    void aTrustRolesHolderIsChangedOnlyByWhoeverGovernsThatRole() {
        UUID office = UUID.randomUUID();
        UUID commune = territory.commune(office);
        Actor delegate = actor(Grant.in(Role.DELEGATE, commune));
        Actor mayor = actor(Grant.in(Role.MAYOR, commune));
        Set<Grant> agent = Set.of(Grant.in(Role.AGENT, commune));
        Set<Grant> otherDelegate = Set.of(Grant.in(Role.DELEGATE, commune));
        Set<Grant> theMayor = Set.of(Grant.in(Role.MAYOR, commune));

        assertThat(policy.requireOverPerson(delegate, commune, agent).blockOptional()).isEmpty();
        assertThat(policy.requireOverPerson(mayor, commune, otherDelegate).blockOptional()).isEmpty();
        assertThatThrownBy(() -> policy.requireOverPerson(delegate, commune, otherDelegate).block())
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.problemType()).isEqualTo(ProblemType.FORBIDDEN);
                    assertThat(e.getMessage()).contains("trust role (delegate)");
                });
        assertProblem(() -> policy.requireOverPerson(mayor, commune, theMayor).block(), ProblemType.FORBIDDEN);
        assertProblem(() -> policy.requireOverPerson(actor(Grant.in(Role.REGISTRATION_OFFICER, office)), commune,
                Set.of(Grant.in(Role.REGISTRATION_OFFICER, office))).block(), ProblemType.FORBIDDEN);
        assertThat(policy.requireOverPerson(actor(Grant.everywhere(Role.NATIONAL_ADMINISTRATOR)), commune, theMayor)
                .blockOptional()).isEmpty();
    }

    private static void assertProblem(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, ProblemType type) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.problemType()).isEqualTo(type));
    }

    private static Actor actor(Grant grant) {
        return new Actor("test", Optional.empty(), Set.of(grant), "test", Optional.empty());
    }

    /** Collectivities with their office and trust suspension, and the collectivities people belong to, held in maps. */
    private static final class Territory implements CollectivityAccessFacts, PersonAccessFacts {

        private final Map<UUID, Target> collectivities = new HashMap<>();
        private final Map<UUID, Set<UUID>> memberships = new HashMap<>();

        UUID commune(UUID office) {
            UUID id = UUID.randomUUID();
            collectivities.put(id, new Target(id, Optional.of(office), false));
            return id;
        }

        void suspendTrust(UUID collectivity) {
            Target target = collectivities.get(collectivity);
            collectivities.put(collectivity, new Target(collectivity, target.registrationOfficeId(), true));
        }

        UUID personIn(UUID collectivity) {
            UUID person = UUID.randomUUID();
            memberships.computeIfAbsent(person, any -> new HashSet<>()).add(collectivity);
            return person;
        }

        @Override
        public Mono<Target> target(UUID collectivity) {
            return Mono.justOrEmpty(collectivities.get(collectivity));
        }

        @Override
        public Flux<UUID> servedBy(Set<UUID> offices) {
            return Flux.fromIterable(collectivities.values())
                    .filter(target -> target.registrationOfficeId().filter(offices::contains).isPresent())
                    .map(Target::id);
        }

        @Override
        public Mono<KnownPerson> byId(UUID personId) {
            return Mono.error(new UnsupportedOperationException("the access rules never look a person up"));
        }

        @Override
        public Mono<KnownPerson> byHolderId(String holderId) {
            return Mono.error(new UnsupportedOperationException("the access rules never look a person up"));
        }

        @Override
        public Flux<Grant> rolesHeldOn(UUID personId, LocalDate day) {
            return Flux.error(new UnsupportedOperationException("the access rules read the actor's grants, not the directory's"));
        }

        @Override
        public Flux<UUID> collectivitiesOf(UUID personId) {
            return Flux.fromIterable(memberships.getOrDefault(personId, Set.of()));
        }
    }
}
