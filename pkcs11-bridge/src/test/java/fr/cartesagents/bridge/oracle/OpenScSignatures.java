package fr.cartesagents.bridge.oracle;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;

import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.DigestInfo;
import org.bouncycastle.cert.X509CertificateHolder;

import fr.cartesagents.bridge.card.KeyRole;
import fr.cartesagents.bridge.testsupport.OpenSc;
import fr.cartesagents.bridge.testsupport.PcscRig;
import fr.cartesagents.ca.testutil.OpenSsl;
import fr.cartesagents.ca.testutil.ProcessResult;

/** OpenSC's pkcs11-tool signs with the card's key of a role (by its PKCS#15 ID); openssl verifies it against a certificate. */
final class OpenScSignatures {

    private OpenScSignatures() {
    }

    static void assertSignsVerifiably(Path directory, KeyRole role, X509CertificateHolder certificate) throws Exception {
        Path document = Files.writeString(directory.resolve(role + ".txt"), "Acte signé par la carte — " + role,
                StandardCharsets.UTF_8);
        Path digestInfo = Files.write(directory.resolve(role + ".digestinfo"), sha256DigestInfo(Files.readAllBytes(document)));
        Path signature = directory.resolve(role + ".sig");
        Files.deleteIfExists(signature);
        ProcessResult signing = OpenSc.pkcs11Tool("--login", "--pin", PcscRig.USER_PIN, "--sign", "--mechanism", "RSA-PKCS",
                "--id", role == KeyRole.AUTHENTICATION ? "01" : "02",
                "--input-file", digestInfo.toString(), "--output-file", signature.toString());
        assertThat(signing.exitCode()).as(role + ": " + signing.stderr()).isZero();

        Path der = Files.write(directory.resolve(role + ".der"), certificate.getEncoded());
        Path publicKey = directory.resolve(role + ".pub.pem");
        ProcessResult extracted = OpenSsl.require().run("x509", "-inform", "DER", "-in", der.toString(), "-pubkey", "-noout",
                "-out", publicKey.toString());
        assertThat(extracted.exitCode()).as(extracted.stderr()).isZero();
        ProcessResult verified = OpenSsl.require().run("dgst", "-sha256", "-verify", publicKey.toString(),
                "-signature", signature.toString(), document.toString());
        assertThat(verified.stdout()).as(role + ": " + verified.stderr()).contains("Verified OK");
    }

    private static byte[] sha256DigestInfo(byte[] document) throws Exception {
        return new DigestInfo(new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256, DERNull.INSTANCE),
                MessageDigest.getInstance("SHA-256").digest(document)).getEncoded();
    }
}
