package fr.cartesagents.ra.pki;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code certificate_authority} table read over plain JDBC, for a command that checks the
 * database without the server ({@code audit-verify}).
 */
public final class JdbcCaRecords {

    private JdbcCaRecords() {
    }

    /** The DER of the issuing CA certificates on record. */
    public static List<byte[]> issuingCertificates(Connection database) throws SQLException {
        List<byte[]> certificates = new ArrayList<>();
        try (PreparedStatement query = database.prepareStatement("select certificate from certificate_authority where role = 'issuing'");
             ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                certificates.add(rows.getBytes(1));
            }
        }
        return certificates;
    }
}
