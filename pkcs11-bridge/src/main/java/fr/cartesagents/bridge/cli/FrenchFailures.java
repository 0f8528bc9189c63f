package fr.cartesagents.bridge.cli;

import java.util.Optional;
import java.util.Set;

import fr.cartesagents.bridge.card.CardException;
import fr.cartesagents.bridge.card.CardFailure;

/**
 * What the CLI tells the person at the workstation when the card fails, in French: one sentence per
 * kind of failure that says what to do. The drivers' own messages are English diagnostics; the CLI
 * adds one, marked as technical, only where the French sentence cannot say what exactly was wrong
 * (which PIN rule, which middleware error).
 */
final class FrenchFailures {

    /** Failures whose driver message names what the generic French sentence cannot. */
    private static final Set<CardFailure> WITH_DETAIL = Set.of(CardFailure.PIN_POLICY, CardFailure.NOT_SUPPORTED,
            CardFailure.CARD_ERROR, CardFailure.MIDDLEWARE_ERROR);

    private FrenchFailures() {
    }

    static String sentence(CardException failure) {
        return switch (failure.failure()) {
            case NO_READER -> "aucun lecteur de carte : branchez le lecteur (et vérifiez que pcscd fonctionne), "
                    + "ou corrigez --slot / --reader.";
            case NO_CARD -> "aucune carte trouvée : insérez la carte, ou corrigez --token / --reader "
                    + "(le simulateur se choisit avec --reader 'Virtual PCD 00 00').";
            case CARD_REMOVED -> "la carte a été retirée pendant l'opération : réinsérez-la et recommencez.";
            case WRONG_PIN -> "code PIN erroné" + triesLeft(failure) + ".";
            case PIN_BLOCKED -> "le code PIN est bloqué : débloquez la carte avec son code de déblocage (commande unblock).";
            case PIN_POLICY -> "ce code PIN n'est pas accepté : choisissez-en un autre (4 à 8 chiffres, ni répétitifs ni "
                    + "consécutifs, différent de l'actuel).";
            case WRONG_UNBLOCK_SECRET -> "code de déblocage erroné" + triesLeft(failure) + ".";
            case UNBLOCK_SECRET_BLOCKED -> "le code de déblocage est bloqué : la carte ne peut plus être débloquée, "
                    + "commandez une nouvelle carte.";
            case NOT_SUPPORTED -> "la carte ou son middleware ne permet pas cette opération.";
            case KEY_NOT_FOUND -> "la carte n'a pas de clé ou de certificat pour cet usage : personnalisez-la d'abord "
                    + "(commande personalize).";
            case CARD_ERROR -> "la carte a refusé l'opération (un autre programme l'utilise, ou elle est pleine ou "
                    + "protégée en écriture).";
            case MIDDLEWARE_ERROR -> "le module PKCS#11 ne peut pas être chargé ou a échoué (--pkcs11-module).";
            case CARD_NOT_BLANK -> "la carte porte déjà des clés ou des certificats (personnalisation interrompue ou faite) : "
                    + "rien n'a été modifié. S'il s'agit de cette commande, terminez-la avec --resume ; sinon prenez une carte vierge.";
        };
    }

    /** The driver's English diagnostic, for the failures whose French sentence stays generic. */
    static Optional<String> technicalDetail(CardException failure) {
        return WITH_DETAIL.contains(failure.failure()) ? Optional.ofNullable(failure.getMessage()) : Optional.empty();
    }

    private static String triesLeft(CardException failure) {
        if (failure.triesLeft().isPresent()) {
            int tries = failure.triesLeft().getAsInt();
            return tries == 1 ? " : 1 essai restant" : " : " + tries + " essais restants";
        }
        String message = failure.getMessage();
        return message != null && message.contains("few tries left") ? " : peu d'essais restants" : "";
    }
}
