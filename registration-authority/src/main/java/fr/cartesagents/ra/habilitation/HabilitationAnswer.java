package fr.cartesagents.ra.habilitation;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The answer of a habilitation check: {@code habilitated} with the collectivities where the holder
 * may use the application and at which level, or not, with the {@code reason}.
 *
 * @param reason empty when habilitated; else one of {@link DenialReason} in lower case
 */
public record HabilitationAnswer(boolean habilitated, String application, String holderId, String certificateSerial,
                                 String certificateIssuer, List<CollectivityRight> collectivities, String reason,
                                 Instant checkedAt) {

    public HabilitationAnswer {
        collectivities = List.copyOf(collectivities);
    }

    /**
     * One collectivity where the holder is habilitated. For a grouping (a shared municipal police),
     * {@code memberInseeCodes} lists the communes it covers.
     */
    public record CollectivityRight(UUID id, String kind, String siren, String inseeCode, String name, String level,
                                    List<String> memberInseeCodes, String requiredCardProfile) {

        public CollectivityRight {
            memberInseeCodes = List.copyOf(memberInseeCodes);
        }
    }
}
