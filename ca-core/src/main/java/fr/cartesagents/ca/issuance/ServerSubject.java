package fr.cartesagents.ca.issuance;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.GeneralName;

/**
 * A TLS server, named by its DNS names and IP addresses (subjectAltName, RFC 6125). The DN holds the
 * first name as CN only because some clients still display it.
 *
 * @param names DNS names ("localhost", "ra.example.fr") or IP address literals ("127.0.0.1", "::1")
 */
public record ServerSubject(List<String> names) implements Subject {

    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    private static final Pattern IPV4 = Pattern.compile(
            "(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:.]*:[0-9a-fA-F:.]*");

    public ServerSubject {
        names = List.copyOf(names);
    }

    public static ServerSubject of(String... names) {
        return new ServerSubject(List.of(names));
    }

    @Override
    public X500Name toX500Name() {
        subjectAlternativeNames(); // validates every name, and that there is at least one
        String cn = SubjectRules.checked("commonName", names.get(0).toLowerCase(Locale.ROOT),
                SubjectRules.upperBound(BCStyle.CN));
        return new X500Name(new RDN[] {new RDN(new AttributeTypeAndValue(BCStyle.CN, new DERUTF8String(cn)))});
    }

    @Override
    public List<GeneralName> subjectAlternativeNames() {
        if (names.isEmpty()) {
            throw SubjectRules.invalid("a TLS server certificate needs at least one DNS name or IP address");
        }
        List<GeneralName> altNames = new ArrayList<>(names.size());
        for (String name : names) {
            altNames.add(toGeneralName(name));
        }
        return altNames;
    }

    private static GeneralName toGeneralName(String name) {
        if (name == null || name.isEmpty()) {
            throw SubjectRules.invalid("empty server name");
        }
        if (IPV4.matcher(name).matches() || IPV6.matcher(name).matches()) {
            try {
                // BouncyCastle parses the literal itself: no name resolution happens here.
                return new GeneralName(GeneralName.iPAddress, name);
            } catch (IllegalArgumentException e) {
                throw SubjectRules.invalid("not an IP address: " + name);
            }
        }
        String dnsName = name.toLowerCase(Locale.ROOT);
        if (dnsName.length() > 253) {
            throw SubjectRules.invalid("DNS name longer than 253 characters");
        }
        for (String label : dnsName.split("\\.", -1)) {
            if (!DNS_LABEL.matcher(label).matches()) {
                throw SubjectRules.invalid("not a DNS host name (RFC 1123, A-labels): " + name);
            }
        }
        return new GeneralName(GeneralName.dNSName, dnsName);
    }
}
