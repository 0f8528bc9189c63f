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
        description = "Show the card: reader, serial number, token label, PIN status, certificates (no PIN needed).")
final class InfoCommand extends CardCommand {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC);

    @Override
    void run(CardDriver driver) {
        CardInfo info = driver.info();
        PrintWriter out = out();
        out.println("Reader:         " + info.reader());
        out.println("Serial number:  " + info.serialNumber());
        info.tokenLabel().ifPresent(label -> out.println("Token label:    " + label));
        info.atrHex().ifPresent(atr -> out.println("ATR:            " + atr));
        out.println("PIN:            " + describe(info.pinStatus()));
        for (KeyRole role : KeyRole.values()) {
            X509CertificateHolder certificate = info.certificates().get(role);
            String name = role == KeyRole.AUTHENTICATION ? "Authentication: " : "Signature:      ";
            out.println(name + (certificate == null ? "no certificate" : certificate.getSubject()
                    + ", serial " + certificate.getSerialNumber().toString(16)
                    + ", valid until " + DAY.format(certificate.getNotAfter().toInstant())));
        }
    }

    static String describe(PinStatus status) {
        if (status.blocked()) {
            return "blocked (unblock the card with its unblock code)";
        }
        if (status.triesLeft().isPresent()) {
            int tries = status.triesLeft().getAsInt();
            return "ok, " + tries + (tries == 1 ? " try" : " tries") + " left";
        }
        return status.low() ? "ok, few tries left" : "ok";
    }
}
