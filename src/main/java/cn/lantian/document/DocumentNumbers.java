package cn.lantian.document;

import cn.lantian.store.Database;
import cn.lantian.store.StoreUnavailableException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.function.IntFunction;

/**
 * Document numbers (V10__document_numbers.sql): each jurisdiction numbers each kind of document year by year.
 * A number is given once per evaluation and kind: printing again shows the same number. It is given in one
 * transaction, the counter moved on by one atomic update (the row stays locked until the commit, so two
 * printers never get the same number); a race for the same evaluation and kind, or for a year's first
 * number, is decided by the tables' keys and the loser reads what the winner wrote.
 */
@ApplicationScoped
public class DocumentNumbers {
    private static final int ATTEMPTS = 4;

    @Inject
    Database db;

    /**
     * The number of this evaluation's document of this kind: the one given before, else the next of the
     * jurisdiction's sequence for that kind and year, written by {@code format} from its serial number.
     */
    public String numberFor(String evaluationId, DocumentKind kind, String jurisdiction, int year, IntFunction<String> format) {
        StoreUnavailableException last = null;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            try {
                return db.transaction(() -> db.write("the document number could not be given", c -> {
                    Optional<String> given = existing(c, evaluationId, kind);
                    if (given.isPresent()) {
                        return given.get();
                    }
                    int serial = next(c, jurisdiction, kind, year);
                    String text = format.apply(serial);
                    try (PreparedStatement s = c.prepareStatement("insert into document_number (evaluation_id, kind, "
                            + "jurisdiction, doc_year, serial_no, number_text, issued_at) values (?,?,?,?,?,?,?)")) {
                        s.setString(1, evaluationId);
                        s.setString(2, kind.path());
                        s.setString(3, jurisdiction);
                        s.setInt(4, year);
                        s.setInt(5, serial);
                        s.setString(6, text);
                        s.setObject(7, OffsetDateTime.now(ZoneOffset.UTC));
                        s.executeUpdate();
                    }
                    return text;
                }));
            } catch (StoreUnavailableException e) {
                // a key taken by a concurrent transaction: try again, and read what it wrote
                last = e;
            }
        }
        throw last;
    }

    /** The number given before, if any (for tests and listings). */
    public Optional<String> given(String evaluationId, DocumentKind kind) {
        return db.read("the document number could not be read", c -> existing(c, evaluationId, kind));
    }

    private static Optional<String> existing(Connection c, String evaluationId, DocumentKind kind) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "select number_text from document_number where evaluation_id = ? and kind = ?")) {
            s.setString(1, evaluationId);
            s.setString(2, kind.path());
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(r.getString(1)) : Optional.empty();
            }
        }
    }

    /** Moves the counter on by one (making it at 1 for a year's first number) and answers its new value. */
    private static int next(Connection c, String jurisdiction, DocumentKind kind, int year) throws SQLException {
        int moved;
        try (PreparedStatement s = c.prepareStatement("update document_counter set last_number = last_number + 1 "
                + "where jurisdiction = ? and kind = ? and doc_year = ?")) {
            s.setString(1, jurisdiction);
            s.setString(2, kind.path());
            s.setInt(3, year);
            moved = s.executeUpdate();
        }
        if (moved == 0) {
            try (PreparedStatement s = c.prepareStatement(
                    "insert into document_counter (jurisdiction, kind, doc_year, last_number) values (?,?,?,1)")) {
                s.setString(1, jurisdiction);
                s.setString(2, kind.path());
                s.setInt(3, year);
                s.executeUpdate();
            }
            return 1;
        }
        try (PreparedStatement s = c.prepareStatement(
                "select last_number from document_counter where jurisdiction = ? and kind = ? and doc_year = ?")) {
            s.setString(1, jurisdiction);
            s.setString(2, kind.path());
            s.setInt(3, year);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getInt(1);
            }
        }
    }
}
