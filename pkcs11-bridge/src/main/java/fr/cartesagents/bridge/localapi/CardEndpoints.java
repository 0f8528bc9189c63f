package fr.cartesagents.bridge.localapi;

import static fr.cartesagents.bridge.localapi.CardRequests.required;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.CMSProcessableByteArray;

import fr.cartesagents.bridge.card.AuthenticatedCard;
import fr.cartesagents.bridge.card.CardDriver;
import fr.cartesagents.bridge.card.CardException;
import fr.cartesagents.bridge.card.CardFailure;
import fr.cartesagents.bridge.card.CardInfo;
import fr.cartesagents.bridge.card.KeyRole;
import fr.cartesagents.bridge.personalization.CardRenewer;
import fr.cartesagents.bridge.personalization.IssuanceException;
import fr.cartesagents.bridge.personalization.IssuedPair;
import fr.cartesagents.bridge.personalization.OrderPersonalizer;
import fr.cartesagents.bridge.personalization.PairIssuer;
import fr.cartesagents.bridge.personalization.TransportUnblockSecret;
import fr.cartesagents.bridge.personalization.UnblockSecretNotReplaced;
import fr.cartesagents.bridge.pin.PinPolicy;
import fr.cartesagents.bridge.signing.ChallengeSigner;
import fr.cartesagents.bridge.signing.LoginChallenge;
import fr.cartesagents.bridge.signing.CmsSigner;
import fr.cartesagents.ca.hierarchy.PemFiles;

/**
 * The card operations of the API. Each checks its body before touching the card (a PIN the policy
 * refuses costs no try), then opens the card chosen by {@code ?token=} or {@code ?reader=} (or the configured one), holds
 * it for the whole operation ({@link CardLocks}), and answers with the card's new state.
 */
final class CardEndpoints {

    private final WorkstationCards cards;
    private final Optional<CertificateIssuers> issuers;
    private final CardLocks locks = new CardLocks();

    CardEndpoints(WorkstationCards cards, Optional<CertificateIssuers> issuers) {
        this.cards = Objects.requireNonNull(cards, "cards");
        this.issuers = Objects.requireNonNull(issuers, "issuers");
    }

    /** What the operation does once it holds the card; {@code info} was read under the lease. */
    private interface OnCard<T> {
        T run(CardDriver driver, CardInfo info);
    }

    Object readers(ApiRequest request) {
        return cards.readers();
    }

    Object card(ApiRequest request) {
        return onCard(request, (driver, info) -> CardView.of(info));
    }

    Object changePin(ApiRequest request) {
        CardRequests.ChangePin body = request.body(CardRequests.ChangePin.class);
        PinPolicy.STANDARD.check(required(body.currentPin(), "currentPin"), required(body.newPin(), "newPin"));
        return onCard(request, (driver, info) -> {
            driver.changePin(body.currentPin(), body.newPin());
            return Map.of("pin", CardView.PinView.of(driver.pinStatus()));
        });
    }

    Object unblockPin(ApiRequest request) {
        CardRequests.Unblock body = request.body(CardRequests.Unblock.class);
        required(body.unblockSecret(), "unblockSecret");
        PinPolicy.STANDARD.check(required(body.newPin(), "newPin"));
        return onCard(request, (driver, info) -> {
            driver.unblockPin(body.unblockSecret(), body.newPin());
            return Map.of("pin", CardView.PinView.of(driver.pinStatus()));
        });
    }

    Object sign(ApiRequest request) {
        CardRequests.Signature body = request.body(CardRequests.Signature.class);
        required(body.pin(), "pin");
        CardRequests.SignatureKind kind = required(body.kind(), "kind");
        byte[] data;
        try {
            data = Base64.getDecoder().decode(required(body.dataBase64(), "dataBase64"));
        } catch (IllegalArgumentException e) {
            throw ApiProblem.badRequest("The field 'dataBase64' is not base64");
        }
        if (data.length == 0) {
            throw ApiProblem.badRequest("The field 'dataBase64' is empty: there is nothing to sign");
        }
        LoginChallenge challengeToSign;
        try {
            challengeToSign = kind == CardRequests.SignatureKind.CHALLENGE
                    ? new LoginChallenge(request.origin().orElse(LoginChallenge.LOCAL), data) : null;
        } catch (IllegalArgumentException e) {
            throw ApiProblem.badRequest(e.getMessage());
        }
        return onCard(request, (driver, info) -> {
            Map<String, Object> signed = new LinkedHashMap<>();
            signed.put("kind", kind.name().toLowerCase(java.util.Locale.ROOT));
            if (kind == CardRequests.SignatureKind.CMS) {
                X509CertificateHolder certificate = info.certificates().get(KeyRole.SIGNATURE);
                if (certificate == null) {
                    throw new CardException(CardFailure.KEY_NOT_FOUND, "The card has no signature certificate: personalize it first");
                }
                List<X509CertificateHolder> chain = issuers.map(CertificateIssuers::caChain).orElse(List.of());
                try (AuthenticatedCard card = driver.authenticate(body.pin())) {
                    signed.put("signatureBase64", Base64.getEncoder().encodeToString(
                            CmsSigner.signDetached(card, certificate, chain, new CMSProcessableByteArray(data))));
                }
            } else {
                try (AuthenticatedCard card = driver.authenticate(body.pin())) {
                    ChallengeSigner.SignedChallenge challenge = ChallengeSigner.sign(card, challengeToSign);
                    signed.put("algorithm", challenge.algorithm().jcaName());
                    signed.put("signedDataBase64", Base64.getEncoder().encodeToString(challenge.signedData()));
                    signed.put("signatureBase64", Base64.getEncoder().encodeToString(challenge.signature()));
                }
            }
            return signed;
        });
    }

    /**
     * Personalizes the card of an approved order through the registration authority the operator
     * configured (their own certificate), and sets the card's PUK in place of the batch's transport
     * secret; answers both certificates with their chain. The card's PUK is never given to the page.
     */
    Object personalize(ApiRequest request) {
        CardRequests.Personalization body = request.body(CardRequests.Personalization.class);
        required(body.pin(), "pin");
        java.util.UUID orderId = required(body.orderId(), "orderId");
        CertificateIssuers configured = issuers.orElseThrow(() -> ApiProblem.of("personalization-not-configured", 501,
                "The bridge was started without a registration authority (serve --ra-url ...)"));
        PairIssuer issuer = configured.registrationAuthority();
        return onCard(request, (driver, info) -> {
            IssuedPair issued;
            try {
                issued = new OrderPersonalizer(issuer, body.keySpecOrDefault()).personalizeOrder(driver, body.pin(), orderId,
                        body.resuming(), configured.transportUnblockSecret()).issued();
            } catch (UnblockSecretNotReplaced e) {
                throw ApiProblem.unblockSecretNotReplaced(e);
            } catch (TransportUnblockSecret.Unreadable e) {
                throw ApiProblem.of("personalization-not-configured", 501, e.getMessage());
            }
            Map<String, Object> certificates = new LinkedHashMap<>();
            for (KeyRole role : KeyRole.values()) {
                X509CertificateHolder certificate = role == KeyRole.AUTHENTICATION ? issued.authentication() : issued.signature();
                List<X509CertificateHolder> chain = new java.util.ArrayList<>(List.of(certificate));
                chain.addAll(configured.caChain());
                certificates.put(CardView.roleName(role), Map.of("certificate", CardView.CertificateView.of(certificate),
                        "chainPem", PemFiles.toPem(chain)));
            }
            return Map.of("cardId", issued.cardId().toString(), "certificates", certificates);
        });
    }

    /**
     * Renewal, step 1: a new key pair per role made on the card beside the one in use, and a request
     * signed by each (proof of possession) for the portal to send to {@code POST /api/v1/cards/{cardId}/renewal}.
     * The card keeps working with its current keys and certificates.
     */
    Object renewalRequests(ApiRequest request) {
        CardRequests.Renewal body = request.body(CardRequests.Renewal.class);
        required(body.pin(), "pin");
        return onCard(request, (driver, info) -> {
            for (KeyRole role : KeyRole.values()) {
                if (!info.certificates().containsKey(role)) {
                    throw new CardException(CardFailure.KEY_NOT_FOUND, "The card has no " + CardView.roleName(role)
                            + " certificate: a card is renewed once personalized");
                }
            }
            Map<KeyRole, org.bouncycastle.pkcs.PKCS10CertificationRequest> requests;
            try (AuthenticatedCard card = driver.authenticate(body.pin())) {
                requests = new CardRenewer(body.keySpecOrDefault()).requests(card);
            }
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("cardSerial", info.serialNumber());
            answer.put("authenticationCsr", csrPem(requests.get(KeyRole.AUTHENTICATION)));
            answer.put("signatureCsr", csrPem(requests.get(KeyRole.SIGNATURE)));
            return answer;
        });
    }

    /**
     * Renewal, step 2: the registration authority's two certificates written next to the new keys,
     * which then replace the old keys and certificates. Both are checked against the new keys first
     * ({@code 422 certificate-mismatch}, nothing written). Sent again after it succeeded, it changes nothing.
     */
    Object renewalCertificates(ApiRequest request) {
        CardRequests.RenewedCertificates body = request.body(CardRequests.RenewedCertificates.class);
        required(body.pin(), "pin");
        Map<KeyRole, X509CertificateHolder> renewed = new java.util.EnumMap<>(KeyRole.class);
        renewed.put(KeyRole.AUTHENTICATION, certificate(required(body.authenticationCertificatePem(), "authenticationCertificatePem"),
                "authenticationCertificatePem"));
        renewed.put(KeyRole.SIGNATURE, certificate(required(body.signatureCertificatePem(), "signatureCertificatePem"),
                "signatureCertificatePem"));
        return onCard(request, (driver, info) -> {
            try (AuthenticatedCard card = driver.authenticate(body.pin())) {
                CardRenewer.write(card, renewed, info.certificates());
            } catch (IssuanceException mismatch) {
                throw ApiProblem.of("certificate-mismatch", 422, mismatch.getMessage());
            }
            return CardView.of(driver.info());
        });
    }

    private static String csrPem(org.bouncycastle.pkcs.PKCS10CertificationRequest request) {
        try {
            return PemFiles.toPem("CERTIFICATE REQUEST", request.getEncoded());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The first certificate of a PEM field (the registration authority answers the certificate alone). */
    private static X509CertificateHolder certificate(String pem, String field) {
        List<X509CertificateHolder> certificates;
        try {
            certificates = PemFiles.parseCertificates(pem);
        } catch (java.io.IOException | IllegalArgumentException e) {
            certificates = List.of();
        }
        if (certificates.isEmpty()) {
            throw ApiProblem.badRequest("The field '" + field + "' is not a PEM certificate");
        }
        return certificates.get(0);
    }

    private <T> T onCard(ApiRequest request, OnCard<T> operation) {
        try (CardDriver driver = cards.open(request.parameter("token"), request.parameter("reader"))) {
            CardInfo seen = driver.info();
            try (CardLocks.Lease lease = locks.acquire(seen.reader() + "\n" + seen.serialNumber())) {
                try {
                    return operation.run(driver, driver.info());
                } catch (CardException e) {
                    throw withPinStatus(e, driver);
                }
            }
        }
    }

    /** A wrong PIN also tells what the card now says about its PIN (low, final try), read without spending a try. */
    private static RuntimeException withPinStatus(CardException failure, CardDriver driver) {
        if (failure.failure() != CardFailure.WRONG_PIN && failure.failure() != CardFailure.WRONG_UNBLOCK_SECRET) {
            return failure;
        }
        try {
            return ApiProblem.of(failure).with("pin", CardView.PinView.of(driver.pinStatus()));
        } catch (CardException unreadable) {
            return failure;
        }
    }
}
