package cn.lantian.evidence;

import cn.lantian.store.Database;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Evidence files kept in the store (migration V8): each file's description in {@code evidence}, its bytes
 * and thumbnail in {@code evidence_content}, read only when they are served. Written once, never changed.
 */
@ApplicationScoped
public class EvidenceStore {
    private static final String COLUMNS = "id, sha256, content_type, size_bytes, file_name, subject_id, jurisdiction,"
            + " uploaded_by, uploaded_at, width, height";

    @Inject
    Database db;

    /** Keeps a file: in the transaction open on this thread (with its audit event), or in one of its own. */
    void insert(EvidenceFiles.Info info, byte[] bytes, byte[] thumbnail) {
        db.write("the evidence file could not be stored", c -> {
            try (PreparedStatement s = c.prepareStatement("insert into evidence (" + COLUMNS + ") values (?,?,?,?,?,?,?,?,?,?,?)")) {
                s.setString(1, info.id());
                s.setString(2, info.sha256());
                s.setString(3, info.contentType());
                s.setLong(4, info.sizeBytes());
                s.setString(5, info.fileName());
                s.setString(6, info.subject());
                s.setString(7, info.jurisdiction());
                s.setString(8, info.uploadedBy());
                s.setObject(9, info.uploadedAt());
                s.setObject(10, info.width(), java.sql.Types.INTEGER);
                s.setObject(11, info.height(), java.sql.Types.INTEGER);
                s.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement("insert into evidence_content (id, bytes, thumbnail) values (?,?,?)")) {
                s.setString(1, info.id());
                s.setBytes(2, bytes);
                s.setBytes(3, thumbnail);
                return s.executeUpdate();
            }
        });
    }

    Optional<EvidenceFiles.Info> find(String id) {
        return Optional.ofNullable(findAll(List.of(id)).get(id));
    }

    /** The descriptions of those of the ids that are kept, by id. */
    Map<String, EvidenceFiles.Info> findAll(Collection<String> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        List<String> list = List.copyOf(ids);
        return db.read("the evidence files could not be read", c -> {
            try (PreparedStatement s = c.prepareStatement("select " + COLUMNS + " from evidence where id in ("
                    + String.join(",", Collections.nCopies(list.size(), "?")) + ")")) {
                for (int i = 0; i < list.size(); i++) {
                    s.setString(i + 1, list.get(i));
                }
                Map<String, EvidenceFiles.Info> out = new LinkedHashMap<>();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        EvidenceFiles.Info info = info(r);
                        out.put(info.id(), info);
                    }
                }
                return out;
            }
        });
    }

    /** The file's bytes as uploaded. */
    Optional<byte[]> bytes(String id) {
        return column("bytes", id);
    }

    /** The thumbnail (none for a PDF). */
    Optional<byte[]> thumbnail(String id) {
        return column("thumbnail", id);
    }

    private Optional<byte[]> column(String column, String id) {
        return db.read("the evidence file could not be read", c -> {
            try (PreparedStatement s = c.prepareStatement("select " + column + " from evidence_content where id = ?")) {
                s.setString(1, id);
                try (ResultSet r = s.executeQuery()) {
                    return r.next() ? Optional.ofNullable(r.getBytes(1)) : Optional.<byte[]>empty();
                }
            }
        });
    }

    private static EvidenceFiles.Info info(ResultSet r) throws SQLException {
        String contentType = r.getString(3);
        return new EvidenceFiles.Info(r.getString(1), contentType, r.getLong(4), r.getString(5), r.getString(6),
                r.getString(7), r.getString(8), r.getObject(9, OffsetDateTime.class), integer(r, 10), integer(r, 11),
                !ContentCheck.PDF.equals(contentType), r.getString(2));
    }

    private static Integer integer(ResultSet r, int column) throws SQLException {
        int value = r.getInt(column);
        return r.wasNull() ? null : value;
    }
}
