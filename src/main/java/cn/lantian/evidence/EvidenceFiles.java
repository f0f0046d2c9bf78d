package cn.lantian.evidence;

import cn.lantian.engine.FieldError;
import cn.lantian.engine.InvalidRequestException;
import cn.lantian.engine.Text;
import cn.lantian.identity.Actor;
import cn.lantian.identity.Role;
import cn.lantian.identity.Access;
import cn.lantian.store.AuditLog;
import cn.lantian.store.Database;
import cn.lantian.store.EvaluationStore;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.security.ForbiddenException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.NotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Evidence files (contract section 8): photos and PDFs a subject's own account or an inspector uploads about
 * a subject, for a rectification case's reply or an inspection's notes, and who may read them.
 *
 * <ul>
 * <li>Upload: the subject's ENTERPRISE account (the jurisdiction is the one its kept evaluations are in, else
 *     the one it names), or an INSPECTOR acting in the jurisdiction it names (and, as when recording, the
 *     subject's kept evaluations in no other). Everyone else 403.
 * <li>What the file is, is judged by its content alone ({@link ContentCheck}): a JPEG, a PNG or a PDF, within
 *     {@code lantian.evidence.max-bytes} and, for an image, {@code lantian.evidence.max-pixels}; an image must
 *     decode whole. It is kept with its SHA-256, its thumbnail, and an audit event, in one transaction.
 * <li>Read: like evaluations, staff (INSPECTOR, CHIEF) acting in the file's jurisdiction and the subject's own
 *     account. To anyone else a file that exists is as unknown as one that does not (404): ids are not
 *     guessable, and a refusal would say that one is right.
 * </ul>
 */
@ApplicationScoped
public class EvidenceFiles {
    /** The most files one reply or note may attach. */
    public static final int MAX_ATTACHED = 10;
    /** The longest id accepted where ids are listed (ours are 35 characters). */
    public static final int MAX_ID_LENGTH = 100;
    static final int MAX_SUBJECT = 200;
    static final int MAX_JURISDICTION = 100;
    static final int MAX_FILE_NAME = 200;
    private static final Set<String> PARTS = Set.of("file", "subject", "jurisdiction");
    private static final SecureRandom RANDOM = new SecureRandom();

    @ConfigProperty(name = "lantian.evidence.max-bytes", defaultValue = "10M")
    MemorySize maxBytes;

    @ConfigProperty(name = "lantian.evidence.max-pixels", defaultValue = "40000000")
    long maxPixels;

    @Inject
    EvidenceStore store;

    @Inject
    EvaluationStore evaluations;

    @Inject
    AuditLog audit;

    @Inject
    Database db;

    @Inject
    Clock clock;

    /**
     * A kept file as shown: {@code fileName} is the name it was sent with (cleaned, for display only; its
     * type is {@code contentType}, from its content), {@code width} and {@code height} the image as shown
     * (after its EXIF orientation; none for a PDF), {@code thumbnail} whether it has one (images).
     */
    public record Info(String id, String contentType, long sizeBytes, String fileName, String subject,
                       String jurisdiction, String uploadedBy, OffsetDateTime uploadedAt, Integer width, Integer height,
                       boolean thumbnail, String sha256) {}

    /** Bytes to serve, their type and the file they belong to. */
    public record Content(Info info, String contentType, byte[] bytes) {}

    /** A file part of an upload, as the HTTP layer received it. */
    public interface FileSource {
        long size() throws IOException;

        InputStream open() throws IOException;
    }

    /** One part of an upload's multipart body: a text field ({@code file} null) or a file. */
    public record Part(String name, String text, String fileName, FileSource file) {
        public static Part text(String name, String value) {
            return new Part(name, value, null, null);
        }

        public static Part file(String name, String fileName, FileSource file) {
            return new Part(name, null, fileName, file);
        }
    }

    /** Keeps an uploaded file (parts {@code file}, {@code subject}, {@code jurisdiction}) and says what it is. */
    public Info upload(Actor actor, List<Part> parts) {
        Map<String, List<Part>> byName = new LinkedHashMap<>();
        List<FieldError> errors = new ArrayList<>();
        for (Part p : parts) {
            String name = p.name() == null ? "" : p.name();
            if (!PARTS.contains(name)) {
                errors.add(FieldError.of(name.length() > 100 ? name.substring(0, 100) : name, "lantian.evidence.unknownPart"));
            } else {
                byName.computeIfAbsent(name, n -> new ArrayList<>()).add(p);
            }
        }
        String subject = text(byName, "subject", MAX_SUBJECT, true, errors);
        String given = text(byName, "jurisdiction", MAX_JURISDICTION, false, errors);
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(Text.of("lantian.title.evidence"), errors);
        }
        String jurisdiction = jurisdictionFor(actor, subject, given);
        Part part = filePart(byName.get("file"));
        byte[] bytes = read(part.file());
        ContentCheck.Checked checked = ContentCheck.check(bytes, maxPixels);
        Info info = new Info(newId(), checked.contentType(), bytes.length, fileName(part.fileName(), checked.contentType()),
                subject, jurisdiction, actor.username(), OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC),
                checked.width(), checked.height(), checked.thumbnail() != null, sha256(bytes));
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("subject", subject);
        detail.put("jurisdiction", jurisdiction);
        detail.put("contentType", info.contentType());
        detail.put("sizeBytes", info.sizeBytes());
        detail.put("sha256", info.sha256());
        detail.put("fileName", info.fileName());
        db.transaction(() -> {
            store.insert(info, bytes, checked.thumbnail());
            audit.record(actor.username(), "EVIDENCE_UPLOADED", info.id(), jurisdiction, detail);
            return null;
        });
        return info;
    }

    /** A kept file's description, for whoever may read the subject's records. */
    public Info info(Actor actor, String id) {
        Info info = id == null || id.length() > MAX_ID_LENGTH ? null : store.find(id).orElse(null);
        if (info == null || !Access.canRead(actor, info.subject(), info.jurisdiction())) {
            // The same answer whether the file is missing or another's: an id is not to be confirmed by trying it.
            throw notFound(id);
        }
        return info;
    }

    /** The file as uploaded. */
    public Content original(Actor actor, String id) {
        Info info = info(actor, id);
        return new Content(info, info.contentType(), store.bytes(id).orElseThrow(() -> notFound(id)));
    }

    /** The image's thumbnail (a JPEG); a PDF has none (404). */
    public Content thumbnail(Actor actor, String id) {
        Info info = info(actor, id);
        if (!info.thumbnail()) {
            throw new NotFoundException("the evidence file " + id + " is a PDF: it has no thumbnail");
        }
        return new Content(info, ContentCheck.JPEG, store.thumbnail(id).orElseThrow(() -> notFound(id)));
    }

    /**
     * For a case reply or an inspection note that attaches files: each id must name a file this actor uploaded
     * about this subject; otherwise 400 naming {@code field[i]} (or {@code field} for too many). At most
     * {@value #MAX_ATTACHED} ids of at most {@value #MAX_ID_LENGTH} characters; none (null or empty) passes.
     */
    public void requireAttachable(Actor actor, String subjectId, String jurisdiction, List<String> ids, String field) {
        if (ids == null || ids.isEmpty()) {
            return;
        }
        if (ids.size() > MAX_ATTACHED) {
            throw new InvalidRequestException(Text.of("lantian.title.request"),
                    List.of(FieldError.of(field, "lantian.evidence.tooMany", "max", MAX_ATTACHED)));
        }
        List<FieldError> errors = new ArrayList<>();
        Map<String, Integer> first = new HashMap<>();
        List<String> lookUp = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            String id = ids.get(i);
            if (id != null && !id.isBlank() && id.length() <= MAX_ID_LENGTH && first.putIfAbsent(id, i) == null) {
                lookUp.add(id);
            }
        }
        Map<String, Info> found = store.findAll(lookUp);
        for (int i = 0; i < ids.size(); i++) {
            String id = ids.get(i);
            String at = field + "[" + i + "]";
            if (id == null || id.isBlank()) {
                errors.add(FieldError.of(at, "lantian.evidence.idRequired"));
            } else if (id.length() > MAX_ID_LENGTH) {
                errors.add(FieldError.of(at, "lantian.evidence.idTooLong", "max", MAX_ID_LENGTH));
            } else if (first.get(id) != i) {
                errors.add(FieldError.of(at, "lantian.evidence.twice", "first", first.get(id), "again", i));
            } else {
                Info info = found.get(id);
                // the case's (or the record's) readers must be able to open it: same subject, same jurisdiction
                if (info == null || !info.uploadedBy().equals(actor.username()) || !info.subject().equals(subjectId)
                        || jurisdiction != null && !jurisdiction.equals(info.jurisdiction())) {
                    errors.add(FieldError.of(at, "lantian.evidence.notAttachable", "id", id, "user", actor.username(),
                            "subject", subjectId));
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(Text.of("lantian.title.request"), errors);
        }
    }

    /**
     * The descriptions of kept files, in the order asked, for showing what a reply or note attaches (its
     * reader's access is the caller's to check); an id that names no file is left out. At most
     * {@value #MAX_ATTACHED} ids.
     */
    public List<Info> infos(List<String> ids) {
        if (ids == null || ids.isEmpty()) {
            return List.of();
        }
        if (ids.size() > MAX_ATTACHED) {
            throw new IllegalArgumentException("at most " + MAX_ATTACHED + " evidence files at a time, not " + ids.size());
        }
        List<String> valid = ids.stream().filter(id -> id != null && id.length() <= MAX_ID_LENGTH).distinct().toList();
        Map<String, Info> found = store.findAll(valid);
        return ids.stream().filter(found::containsKey).map(found::get).toList();
    }

    /**
     * Where the file is evidence: for the subject's own account, the jurisdiction its evaluations are kept in
     * (the one it names when they are in several, or when there are none); for an inspector, the one it names
     * and acts in, where the subject's evaluations are kept if it has any.
     */
    private String jurisdictionFor(Actor actor, String subject, String given) {
        if (actor.has(Role.ENTERPRISE) && actor.owns(subject)) {
            Set<String> stored = evaluations.jurisdictionsOf(subject);
            if (stored.size() == 1) {
                return stored.iterator().next();
            }
            if (stored.size() > 1) {
                if (given != null && stored.contains(given)) {
                    return given;
                }
                throw invalid("jurisdiction", Text.of("lantian.evidence.jurisdictionAmbiguous", "subject", subject,
                        "jurisdictions", List.copyOf(stored)));
            }
            if (given == null) {
                throw invalid("jurisdiction", Text.of("lantian.evidence.jurisdictionRequired"));
            }
            return given;
        }
        if (actor.has(Role.INSPECTOR)) {
            if (given == null) {
                throw invalid("jurisdiction", Text.of("lantian.evidence.jurisdictionRequired"));
            }
            Access.mayActIn(actor, given, Role.INSPECTOR);
            Set<String> stored = evaluations.jurisdictionsOf(subject);
            Access.mayUseHistory(actor, subject, given, stored);
            for (String s : stored) {
                if (!s.equals(given)) {
                    throw invalid("jurisdiction", Text.of("lantian.evidence.otherJurisdiction", "subject", subject,
                            "jurisdiction", s));
                }
            }
            return given;
        }
        throw new ForbiddenException(actor.has(Role.ENTERPRISE)
                ? "the account " + actor.username() + " is not bound to the subject " + subject
                : "only the subject's own account or an INSPECTOR uploads evidence");
    }

    /** The one text part of that name, trimmed; null when absent and not required. */
    private static String text(Map<String, List<Part>> byName, String name, int max, boolean required,
                               List<FieldError> errors) {
        List<Part> found = byName.getOrDefault(name, List.of());
        if (found.size() > 1) {
            errors.add(FieldError.of(name, "lantian.evidence.repeated"));
            return null;
        }
        Part p = found.isEmpty() ? null : found.get(0);
        if (p != null && p.file() != null) {
            errors.add(FieldError.of(name, "lantian.evidence.notText"));
            return null;
        }
        String value = p == null || p.text() == null ? "" : p.text().strip();
        if (value.isEmpty()) {
            if (required) {
                errors.add(FieldError.of(name, "lantian.evidence.textRequired"));
            }
            return null;
        }
        if (value.length() > max || value.codePoints().anyMatch(EvidenceFiles::unprintable)) {
            errors.add(FieldError.of(name, "lantian.evidence.text", "max", max));
            return null;
        }
        return value;
    }

    private static Part filePart(List<Part> found) {
        if (found == null || found.isEmpty()) {
            throw invalid("file", Text.of("lantian.evidence.fileRequired"));
        }
        if (found.size() > 1) {
            throw invalid("file", Text.of("lantian.evidence.oneFile"));
        }
        if (found.get(0).file() == null) {
            throw invalid("file", Text.of("lantian.evidence.notAFile"));
        }
        return found.get(0);
    }

    /** The file's bytes: refused unread when it is over the limit. */
    private byte[] read(FileSource file) {
        long max = maxBytes.asLongValue();
        try {
            long size = file.size();
            if (size == 0) {
                throw new EvidenceRefused(400, "file", Text.of("lantian.evidence.empty"));
            }
            if (size > max) {
                throw new EvidenceRefused(413, "file", Text.of("lantian.evidence.tooLarge", "max", max));
            }
            try (InputStream in = file.open()) {
                byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
                if (bytes.length > max) {
                    throw new EvidenceRefused(413, "file", Text.of("lantian.evidence.tooLarge", "max", max));
                }
                return bytes;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the uploaded file could not be read", e);
        }
    }

    /**
     * The name as sent, for display: its last path segment, without control, format (bidirectional overrides,
     * zero-width characters) or separator characters, at most {@value #MAX_FILE_NAME} characters; a name left
     * empty becomes {@code evidence} with the extension of the content.
     */
    static String fileName(String sent, String contentType) {
        String name = sent == null ? "" : sent;
        name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        StringBuilder clean = new StringBuilder();
        name.codePoints().filter(cp -> !unprintable(cp)).limit(MAX_FILE_NAME).forEach(clean::appendCodePoint);
        String out = clean.toString().strip();
        if (out.isEmpty() || out.equals(".") || out.equals("..")) {
            return "evidence" + switch (contentType) {
                case ContentCheck.JPEG -> ".jpg";
                case ContentCheck.PNG -> ".png";
                default -> ".pdf";
            };
        }
        return out;
    }

    private static boolean unprintable(int cp) {
        int type = Character.getType(cp);
        return Character.isISOControl(cp) || type == Character.FORMAT || type == Character.SURROGATE
                || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR
                || type == Character.UNASSIGNED || type == Character.PRIVATE_USE;
    }

    private static InvalidRequestException invalid(String field, Text reason) {
        return new InvalidRequestException(Text.of("lantian.title.evidence"), List.of(FieldError.of(field, reason)));
    }

    private static NotFoundException notFound(String id) {
        return new NotFoundException(id != null && id.length() <= MAX_ID_LENGTH ? "no evidence file " + id : "no such evidence file");
    }

    /** "ev-" and 128 random bits: not to be guessed. */
    private static String newId() {
        byte[] random = new byte[16];
        RANDOM.nextBytes(random);
        return "ev-" + HexFormat.of().formatHex(random);
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java", e);
        }
    }
}
