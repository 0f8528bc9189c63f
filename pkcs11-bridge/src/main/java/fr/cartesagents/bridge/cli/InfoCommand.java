package fr.cartesagents.bridge.cli;

import java.io.PrintWriter;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import org.bouncycastle.cert.X509CertificateHolder;

import fr.cartesagents.bridge.card.CardDriver;
import fr.cartesagents.bridge.card.CardInfo;
import fr.cartesagents.bridge.card.KeyRole;
import fr.cartesagents.bridge.card.PinStatus;
import picocli.CommandLine.Command;

@Command(name = "info", mixinStandardHelpOptions = true,
        description = "Afficher la carte : lecteur, numéro de série, libellé du jeton, état du code PIN, certificats (sans code PIN).")
final class InfoCommand extends CardCommand {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC);

    @Override
    void run(CardDriver driver) {
        CardInfo info = driver.info();
        PrintWriter out = out();
        out.println("Lecteur :          " + info.reader());
        out.println("Numéro de série :  " + info.serialNumber());
        info.tokenLabel().ifPresent(label -> out.println("Libellé du jeton : " + label));
        info.atrHex().ifPresent(atr -> out.println("ATR :              " + atr));
        out.println("Code PIN :         " + describe(info.pinStatus()));
        for (KeyRole role : KeyRole.values()) {
            X509CertificateHolder certificate = info.certificates().get(role);
            String name = role == KeyRole.AUTHENTICATION ? "Authentification : " : "Signature :        ";
            out.println(name + (certificate == null ? "aucun certificat" : certificate.getSubject()
                    + ", numéro de série " + certificate.getSerialNumber().toString(16)
                    + ", valide jusqu'au " + DAY.format(certificate.getNotAfter().toInstant())));
        }
    }

    static String describe(PinStatus status) {
        if (status.blocked()) {
            return "bloqué (débloquez la carte avec son code de déblocage)";
        }
        if (status.triesLeft().isPresent()) {
            int tries = status.triesLeft().getAsInt();
            return "ok, " + tries + (tries == 1 ? " essai restant" : " essais restants");
        }
        return status.low() ? "ok, peu d'essais restants" : "ok";
    }
}
