package fr.cartesagents.ra.audit;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How {@link AuditChainer} runs: it chains right after each local commit that appended events, and
 * every {@code chain-poll} for the events other instances appended (default 200 ms); at most
 * {@code chain-batch} events per transaction (default 500).
 */
@ConfigurationProperties("cartes.audit")
record AuditChainProperties(@DefaultValue("PT0.2S") Duration chainPoll, @DefaultValue("500") int chainBatch) {

    AuditChainProperties {
        if (chainPoll.isNegative() || chainPoll.isZero()) {
            throw new IllegalArgumentException("cartes.audit.chain-poll must be positive, not " + chainPoll);
        }
        if (chainBatch < 1) {
            throw new IllegalArgumentException("cartes.audit.chain-batch must be at least 1, not " + chainBatch);
        }
    }
}
