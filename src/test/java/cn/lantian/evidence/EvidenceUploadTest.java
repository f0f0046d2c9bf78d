package cn.lantian.evidence;

import static cn.lantian.evidence.Samples.RUN;
import static cn.lantian.evidence.Samples.as;
import static cn.lantian.evidence.Samples.upload;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.lantian.TestUsers;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Evidence files sent and read back (contract section 8): a PNG, a JPEG and a PDF made here, what each
 * answer says of them and the headers they are served with, the thumbnail; and each file the service refuses,
 * by its content whatever its name and declared type, with problem+json naming the part {@code file}.
 */
@QuarkusTest
class EvidenceUploadTest {
    static final String SUBJECT = "EV-UP-" + RUN;
    static final String PROBLEM = "application/problem+json";

    static JsonPath uploaded(byte[] bytes, String fileName) {
        return upload(TestUsers.INSPECTOR_ZZ, bytes, fileName, SUBJECT, "zhengzhou").then().statusCode(201)
                .contentType(ContentType.JSON).extract().jsonPath();
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    @Test
    void aPngIsKeptAndReadBackByteForByteWithItsThumbnail() throws Exception {
        byte[] png = Samples.png(800, 600);
        Response r = upload(TestUsers.INSPECTOR_ZZ, png, "site.png", SUBJECT, "zhengzhou");
        r.then().statusCode(201).contentType(ContentType.JSON)
                .header("Location", containsString("/api/v1/evidence/" + r.path("id")))
                .body("id", matchesPattern("ev-[0-9a-f]{32}"))
                .body("contentType", equalTo("image/png")).body("sizeBytes", equalTo(png.length))
                .body("fileName", equalTo("site.png")).body("subject", equalTo(SUBJECT))
                .body("jurisdiction", equalTo("zhengzhou")).body("uploadedBy", equalTo(TestUsers.INSPECTOR_ZZ))
                // the service's clock (PinnedClock), never the wall clock
                .body("uploadedAt", equalTo("2026-12-14T15:30:00Z"))
                .body("width", equalTo(800)).body("height", equalTo(600)).body("thumbnail", equalTo(true))
                .body("sha256", equalTo(sha256(png)));
        String id = r.path("id");

        Response original = as(TestUsers.INSPECTOR_ZZ).get("/api/v1/evidence/" + id);
        original.then().statusCode(200).contentType("image/png")
                .header("Content-Disposition", equalTo("inline; filename*=UTF-8''site.png"))
                .header("X-Content-Type-Options", equalTo("nosniff"))
                .header("Cache-Control", equalTo("private"));
        assertArrayEquals(png, original.asByteArray());
        assertTrue(original.headers().getValues("Content-Security-Policy").contains("sandbox"),
                original.headers().toString());
        assertEquals(List.of("nosniff"), original.headers().getValues("X-Content-Type-Options"));

        as(TestUsers.INSPECTOR_ZZ).get("/api/v1/evidence/" + id + "/info").then().statusCode(200)
                .contentType(ContentType.JSON).body("id", equalTo(id)).body("contentType", equalTo("image/png"))
                .body("width", equalTo(800)).body("thumbnail", equalTo(true));

        Response thumbnail = as(TestUsers.INSPECTOR_ZZ).get("/api/v1/evidence/" + id + "/thumbnail");
        thumbnail.then().statusCode(200).contentType("image/jpeg").header("X-Content-Type-Options", equalTo("nosniff"));
        byte[] t = thumbnail.asByteArray();
        assertEquals(0xFF, t[0] & 0xFF);
        assertEquals(0xD8, t[1] & 0xFF);
        BufferedImage small = Samples.decode(t);
        assertEquals(320, small.getWidth());
        assertEquals(240, small.getHeight());
        // the transparent left quarter is drawn on white
        assertTrue((small.getRGB(5, 120) & 0xFFFFFF) > 0xF0F0F0, Integer.toHexString(small.getRGB(5, 120)));
    }

    @Test
    void aJpegIsKnownByItsContentAndKeepsTheNameItWasSentWith() throws Exception {
        byte[] jpeg = Samples.jpeg(1000, 2000);
        // declared as anything at all, and named as if it were a PNG: the content decides
        Response r = upload(as(TestUsers.INSPECTOR_ZZ), jpeg, "C:\\照片\\现场 照片 1.png", "application/octet-stream", SUBJECT,
                "zhengzhou");
        r.then().statusCode(201).body("contentType", equalTo("image/jpeg")).body("fileName", equalTo("现场 照片 1.png"))
                .body("width", equalTo(1000)).body("height", equalTo(2000)).body("sha256", equalTo(sha256(jpeg)));
        String id = r.path("id");
        Response original = as(TestUsers.INSPECTOR_ZZ).get("/api/v1/evidence/" + id);
        original.then().statusCode(200).contentType("image/jpeg").header("Content-Disposition",
                equalTo("inline; filename*=UTF-8''%E7%8E%B0%E5%9C%BA%20%E7%85%A7%E7%89%87%201.png"));
        assertArrayEquals(jpeg, original.asByteArray());
        BufferedImage small = Samples.decode(as(TestUsers.INSPECTOR_ZZ).get("/api/v1/evidence/" + id + "/thumbnail").asByteArray());
        assertEquals(160, small.getWidth());
        assertEquals(320, small.getHeight());
    }

    /** Palette, grey and 16-bit PNGs, grey and progressive JPEGs: each decodes and has its thumbnail. */
    @Test
    void everyKindOfPngAndJpegDecodes() throws Exception {
        List<byte[]> images = new java.util.ArrayList<>();
        for (int type : new int[] {BufferedImage.TYPE_BYTE_INDEXED, BufferedImage.TYPE_BYTE_GRAY, BufferedImage.TYPE_USHORT_GRAY,
                BufferedImage.TYPE_BYTE_BINARY}) {
            BufferedImage image = new BufferedImage(700, 500, type);
            java.awt.Graphics2D g = image.createGraphics();
            g.drawImage(Samples.picture(700, 500, BufferedImage.TYPE_INT_RGB), 0, 0, null);
            g.dispose();
            images.add(Samples.encode(image, "png"));
            if (type == BufferedImage.TYPE_BYTE_GRAY) {
                images.add(Samples.encode(image, "jpeg"));
            }
        }
        javax.imageio.ImageWriter writer = javax.imageio.ImageIO.getImageWritersByFormatName("jpeg").next();
        java.io.ByteArrayOutputStream progressive = new java.io.ByteArrayOutputStream();
        try (var out = javax.imageio.ImageIO.createImageOutputStream(progressive)) {
            writer.setOutput(out);
            javax.imageio.ImageWriteParam param = writer.getDefaultWriteParam();
            param.setProgressiveMode(javax.imageio.ImageWriteParam.MODE_DEFAULT);
            writer.write(null, new javax.imageio.IIOImage(Samples.picture(700, 500, BufferedImage.TYPE_INT_RGB), null, null), param);
        } finally {
            writer.dispose();
        }
        images.add(progressive.toByteArray());
        for (byte[] image : images) {
            JsonPath info = uploaded(image, "kind.img");
            assertEquals(700, info.getInt("width"));
            BufferedImage small = Samples.decode(as(TestUsers.INSPECTOR_ZZ).get("/api/v1/evidence/" + info.getString("id")
                    + "/thumbnail").asByteArray());
            assertEquals(320, small.getWidth());
            assertEquals(229, small.getHeight());
        }
    }

    @Test
    void aSmallImageKeepsItsSizeInItsThumbnail() {
        String id = uploaded(Samples.png(40, 30), "tiny.png").getString("id");
        BufferedImage small = Samples.decode(as(TestUsers.INSPECTOR_ZZ).get("/api/v1/evidence/" + id + "/thumbnail").asByteArray());
        assertEquals(40, small.getWidth());
        assertEquals(30, small.getHeight());
    }

    @Test
    void aPhotoTakenOnItsSideIsShownUprightAndItsThumbnailCarriesNoExifNorGps() {
        byte[] photo = Samples.jpegWithOrientation(640, 320, 6); // stored landscape, to be turned 90° clockwise
        JsonPath info = uploaded(photo, "turned.jpg");
        assertEquals(320, info.getInt("width"));
        assertEquals(640, info.getInt("height"));
        byte[] original = as(TestUsers.INSPECTOR_ZZ).get("/api/v1/evidence/" + info.getString("id")).asByteArray();
        assertArrayEquals(photo, original); // the original is kept whole, metadata and all
        byte[] t = as(TestUsers.INSPECTOR_ZZ).get("/api/v1/evidence/" + info.getString("id") + "/thumbnail").asByteArray();
        String text = new String(t, StandardCharsets.ISO_8859_1);
        assertFalse(text.contains("Exif"), "the thumbnail has an EXIF segment");
        assertFalse(text.contains("GPS-SECRET"), "the thumbnail carries the GPS data");
        BufferedImage small = Samples.decode(t);
        assertEquals(160, small.getWidth());
        assertEquals(320, small.getHeight());
        // the red mark at the stored top left is at the top right once turned clockwise
        int topRight = small.getRGB(small.getWidth() - 5, 5);
        int topLeft = small.getRGB(5, 5);
        assertTrue(((topRight >> 16) & 0xFF) > 200 && ((topRight >> 8) & 0xFF) < 80, Integer.toHexString(topRight));
        assertFalse(((topLeft >> 16) & 0xFF) > 200 && ((topLeft >> 8) & 0xFF) < 80, Integer.toHexString(topLeft));
    }

    @Test
    void aPdfIsKeptAndHasNoThumbnail() throws Exception {
        byte[] pdf = Samples.pdf();
        JsonPath info = uploaded(pdf, "整改报告.pdf");
        assertEquals("application/pdf", info.getString("contentType"));
        assertFalse(info.getBoolean("thumbnail"));
        assertTrue(info.get("width") == null);
        String id = info.getString("id");
        Response original = as(TestUsers.INSPECTOR_ZZ).get("/api/v1/evidence/" + id);
        original.then().statusCode(200).contentType("application/pdf")
                .header("Content-Disposition", equalTo("attachment; filename*=UTF-8''%E6%95%B4%E6%94%B9%E6%8A%A5%E5%91%8A.pdf"))
                .header("X-Content-Type-Options", equalTo("nosniff"));
        assertTrue(original.headers().getValues("Content-Security-Policy").contains("sandbox"));
        assertArrayEquals(pdf, original.asByteArray());
        assertEquals(sha256(pdf), info.getString("sha256"));
        as(TestUsers.INSPECTOR_ZZ).get("/api/v1/evidence/" + id + "/thumbnail").then().statusCode(404)
                .contentType(PROBLEM).body("detail", containsString("PDF"));
    }

    @Test
    void aNameWithPathsAndControlsIsCleaned() {
        String fileName = uploaded(Samples.png(20, 20), "../../etc/\u202Egnp.exe\u0007\u200B").getString("fileName");
        assertEquals("gnp.exe", fileName);
        assertEquals("evidence.png", uploaded(Samples.png(20, 20), "/").getString("fileName"));
    }

    /** A refusal: its status, problem+json, the part it names, no trace of the server's insides. */
    static void refused(Response r, int status, String field) {
        r.then().statusCode(status).contentType(PROBLEM).body("status", equalTo(status))
                .body("errors.field", equalTo(List.of(field))).body(not(containsString("Exception")))
                .body(not(containsString("at cn.lantian")));
    }

    static Response send(byte[] bytes, String fileName, String declared) {
        return upload(as(TestUsers.INSPECTOR_ZZ), bytes, fileName, declared, SUBJECT, "zhengzhou");
    }

    @Test
    void aFileIsJudgedByItsContentNeverItsNameOrDeclaredType() {
        byte[] html = "<!DOCTYPE html><html><script>alert(document.cookie)</script></html>".getBytes(StandardCharsets.UTF_8);
        refused(send(html, "photo.jpg", "image/jpeg"), 415, "file");
        refused(send("%PDF".getBytes(StandardCharsets.US_ASCII), "report.pdf", "application/pdf"), 415, "file");
        refused(send("GIF89a\u0001\u0000\u0001\u0000".getBytes(StandardCharsets.ISO_8859_1), "a.gif", "image/gif"), 415, "file");
        refused(send("<svg xmlns=\"http://www.w3.org/2000/svg\"/>".getBytes(StandardCharsets.UTF_8), "a.png", "image/png"),
                415, "file");
        refused(send(new byte[] {(byte) 0xFF, (byte) 0xD8}, "two-bytes.jpg", "image/jpeg"), 415, "file");
        send(html, "photo.jpg", "image/jpeg").then().body("errors[0].message", containsString("JPEG or PNG image or a PDF"));
    }

    @Test
    void anEmptyTruncatedOrDamagedFileIsRefused() {
        refused(send(new byte[0], "empty.jpg", "image/jpeg"), 400, "file");

        byte[] png = Samples.png(400, 300);
        refused(send(Arrays.copyOf(png, png.length / 2), "half.png", "image/png"), 400, "file");
        refused(send(Arrays.copyOf(png, png.length - 12), "no-end.png", "image/png"), 400, "file"); // IEND cut off
        refused(send(Arrays.copyOf(png, 20), "header.png", "image/png"), 400, "file");
        byte[] flipped = png.clone();
        flipped[png.length / 2] ^= 0x01;
        refused(send(flipped, "flipped.png", "image/png"), 400, "file"); // a CRC no longer matches
        refused(send(Samples.concat(png, "<html>".getBytes(StandardCharsets.US_ASCII)), "more.png", "image/png"), 400, "file");

        byte[] jpeg = Samples.jpeg(640, 480);
        refused(send(Arrays.copyOf(jpeg, jpeg.length * 2 / 3), "cut.jpg", "image/jpeg"), 400, "file");
        refused(send(Arrays.copyOf(jpeg, 300), "start.jpg", "image/jpeg"), 400, "file");

        byte[] pdf = Samples.pdf();
        String text = new String(pdf, StandardCharsets.US_ASCII);
        refused(send(text.replace("%%EOF", "").getBytes(StandardCharsets.US_ASCII), "no-eof.pdf", "application/pdf"), 400, "file");
        refused(send(Arrays.copyOf(pdf, pdf.length / 2), "half.pdf", "application/pdf"), 400, "file");
        refused(send("%PDF-x".getBytes(StandardCharsets.US_ASCII), "bad.pdf", "application/pdf"), 400, "file");
        send(text.replace("%%EOF", "").getBytes(StandardCharsets.US_ASCII), "no-eof.pdf", "application/pdf").then()
                .body("errors[0].message", containsString("%%EOF"));
    }

    @Test
    void anImageTooLargeByItsHeaderIsRefusedBeforeItIsDecoded() {
        // a few hundred bytes each, which would decode to 8000 × 8000 and 40 000 × 1 pixels
        refused(send(Samples.pngClaiming(8000, 8000), "bomb.png", "image/png"), 413, "file");
        refused(send(Samples.pngClaiming(40_000, 1), "row.png", "image/png"), 413, "file");
        refused(send(Samples.jpegClaiming(8000, 8000), "bomb.jpg", "image/jpeg"), 413, "file");
        send(Samples.pngClaiming(8000, 8000), "bomb.png", "image/png").then()
                .body("errors[0].message", containsString("8000 × 8000"));
    }

    @Test
    void aFileOverTheLimitIsRefusedWith413() throws IOException {
        int max = 10 * 1024 * 1024;
        byte[] over = new byte[max + 1];
        over[0] = (byte) 0xFF;
        over[1] = (byte) 0xD8;
        over[2] = (byte) 0xFF;
        // within the request's limit (the file's and the multipart's), over the file's: read and refused
        refused(send(over, "big.jpg", "image/jpeg"), 413, "file");
        // over the request's limit (the client sends it chunked): refused as it grows past it
        refused(send(new byte[max + 100 * 1024], "bigger.jpg", "image/jpeg"), 413, "file");
        // over it by its Content-Length: refused before the body is read, and the connection closed
        String[] answer = fixed("/api/v1/evidence", TestUsers.INSPECTOR_ZZ, max + 100 * 1024);
        assertTrue(answer[0].startsWith("HTTP/1.1 413"), answer[0]);
        assertTrue(answer[1].contains("\"field\":\"file\""), answer[1]);
        // within it: the declared length is no obstacle (Quarkus's own check of it is for the other requests)
        byte[] png = Samples.png(1500, 1500);
        assertTrue(png.length > 2 * 1024 * 1024, "the PNG is " + png.length + " bytes");
        String boundary = "b-" + RUN;
        byte[] body = Samples.concat(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"subject\"\r\n\r\n" + SUBJECT
                + "\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"jurisdiction\"\r\n\r\nzhengzhou\r\n--"
                + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"现场.png\"\r\n"
                + "Content-Type: image/png\r\n\r\n").getBytes(StandardCharsets.UTF_8), png,
                ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        String[] kept = fixed("/api/v1/evidence", TestUsers.INSPECTOR_ZZ, "multipart/form-data; boundary=" + boundary, body);
        assertTrue(kept[0].startsWith("HTTP/1.1 201"), kept[0] + kept[1]);
        assertTrue(kept[1].contains("\"fileName\":\"现场.png\""), kept[1]);
        assertTrue(kept[1].contains("\"sizeBytes\":" + png.length), kept[1]);
        send(over, "big.jpg", "image/jpeg").then().body("errors[0].message", containsString(String.valueOf(max)));
    }

    @Test
    void aChunkedUploadGrowingPastTheLimitIs413() throws Exception {
        String boundary = "evidence-boundary";
        String head = "POST /api/v1/evidence HTTP/1.1\r\nHost: localhost\r\nAuthorization: Basic "
                + java.util.Base64.getEncoder().encodeToString((TestUsers.INSPECTOR_ZZ + ":" + TestUsers.PASSWORD)
                        .getBytes(StandardCharsets.UTF_8))
                + "\r\nContent-Type: multipart/form-data; boundary=" + boundary + "\r\nTransfer-Encoding: chunked\r\n\r\n";
        String partHead = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"x.jpg\"\r\n"
                + "Content-Type: image/jpeg\r\n\r\n";
        String[] answer = raw(head, partHead.getBytes(StandardCharsets.US_ASCII), 11 * 1024 * 1024);
        assertTrue(answer[0].startsWith("HTTP/1.1 413"), answer[0]);
        assertTrue(answer[0].toLowerCase().contains("content-type: application/problem+json"), answer[0]);
        assertTrue(answer[1].contains("\"field\":\"file\""), answer[1]);
    }

    @Test
    void theFormItselfIsChecked() {
        byte[] png = Samples.png(20, 20);
        // no file, the file as a text field, two files, an unknown part, no subject
        refused(as(TestUsers.INSPECTOR_ZZ).multiPart("subject", SUBJECT).multiPart("jurisdiction", "zhengzhou")
                .post("/api/v1/evidence"), 400, "file");
        refused(as(TestUsers.INSPECTOR_ZZ).multiPart("file", "not a file").multiPart("subject", SUBJECT)
                .multiPart("jurisdiction", "zhengzhou").post("/api/v1/evidence"), 400, "file");
        refused(as(TestUsers.INSPECTOR_ZZ).multiPart("file", "a.png", png, "image/png").multiPart("file", "b.png", png, "image/png")
                .multiPart("subject", SUBJECT).multiPart("jurisdiction", "zhengzhou").post("/api/v1/evidence"), 400, "file");
        refused(as(TestUsers.INSPECTOR_ZZ).multiPart("file", "a.png", png, "image/png").multiPart("subjet", SUBJECT)
                .multiPart("subject", SUBJECT).multiPart("jurisdiction", "zhengzhou").post("/api/v1/evidence"), 400, "subjet");
        refused(upload(as(TestUsers.INSPECTOR_ZZ), png, "a.png", "image/png", null, "zhengzhou"), 400, "subject");
        refused(upload(as(TestUsers.INSPECTOR_ZZ), png, "a.png", "image/png", "a\u0001b", "zhengzhou"), 400, "subject");
        refused(upload(as(TestUsers.INSPECTOR_ZZ), png, "a.png", "image/png", "S".repeat(201), "zhengzhou"), 400, "subject");
        // no body at all
        as(TestUsers.INSPECTOR_ZZ).post("/api/v1/evidence").then().statusCode(400).contentType(PROBLEM)
                .body("errors.field", equalTo(List.of("subject")));
        // a body that is not multipart
        as(TestUsers.INSPECTOR_ZZ).contentType(ContentType.JSON).body("{\"file\": \"x\"}").post("/api/v1/evidence").then()
                .statusCode(415).contentType(PROBLEM).body("errors[0].field", equalTo("Content-Type"))
                .body("errors[0].message", containsString("multipart/form-data"));
    }

    /** The uploads folder's files: a refused upload leaves none behind. */
    static Set<String> uploadsLeft() throws IOException {
        Path folder = Path.of(System.getProperty("java.io.tmpdir"), "uploads");
        if (!Files.isDirectory(folder)) {
            return Set.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
        }
    }

    @Test
    void uploadsReadAtOnceAreBoundedEvenForACredentialThatOnlyLooksLikeOne() throws Exception {
        // %test.lantian.evidence.concurrent-uploads=3: three uploads with a made-up credential stall mid-body
        String head = "POST /api/v1/evidence HTTP/1.1\r\nHost: localhost\r\nAuthorization: Basic "
                + java.util.Base64.getEncoder().encodeToString("nobody:not-a-password".getBytes(StandardCharsets.UTF_8))
                + "\r\nContent-Type: multipart/form-data; boundary=x\r\nContent-Length: 5000000\r\n\r\n"
                + "--x\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.jpg\"\r\n\r\n" + "x".repeat(1000);
        List<Socket> stalled = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                Socket socket = new Socket("localhost", RestAssured.port);
                socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
                socket.getOutputStream().flush();
                stalled.add(socket);
            }
            Thread.sleep(300);
            // the fourth is refused before its body is read (sent raw: the answer may come while it still sends)
            String fourth = "POST /api/v1/evidence HTTP/1.1\r\nHost: localhost\r\nAuthorization: Basic "
                    + java.util.Base64.getEncoder().encodeToString((TestUsers.INSPECTOR_ZZ + ":" + TestUsers.PASSWORD)
                            .getBytes(StandardCharsets.UTF_8))
                    + "\r\nContent-Type: multipart/form-data; boundary=x\r\nTransfer-Encoding: chunked\r\n\r\n";
            String[] busy = raw(fourth, ("--x\r\nContent-Disposition: form-data; name=\"file\"; filename=\"busy.jpg\"\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII), 64 * 1024);
            assertTrue(busy[0].startsWith("HTTP/1.1 429"), busy[0]);
            assertTrue(busy[0].toLowerCase().contains("content-type: application/problem+json"), busy[0]);
            assertTrue(busy[0].toLowerCase().contains("retry-after: 5"), busy[0]);
        } finally {
            for (Socket s : stalled) {
                s.close();
            }
        }
        // the closed connections give their turns back
        Response after = null;
        for (int i = 0; i < 50; i++) {
            after = upload(TestUsers.INSPECTOR_ZZ, Samples.png(40, 30), "after.png", SUBJECT, "zhengzhou");
            if (after.statusCode() != 429) {
                break;
            }
            Thread.sleep(100);
        }
        assertEquals(201, after.statusCode(), after.asString());
    }

    @Test
    void anUploadThatStallsIsRefusedWith408AndLeavesNoFile() throws Exception {
        Set<String> before = uploadsLeft();
        String head = "POST /api/v1/evidence HTTP/1.1\r\nHost: localhost\r\nAuthorization: Basic "
                + java.util.Base64.getEncoder().encodeToString((TestUsers.INSPECTOR_ZZ + ":" + TestUsers.PASSWORD)
                        .getBytes(StandardCharsets.UTF_8))
                + "\r\nContent-Type: multipart/form-data; boundary=x\r\nContent-Length: 100000\r\n\r\n"
                + "--x\r\nContent-Disposition: form-data; name=\"file\"; filename=\"slow.jpg\"\r\n\r\n" + "x".repeat(1000);
        try (Socket socket = new Socket("localhost", RestAssured.port)) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            String[] answer = answer(socket.getInputStream()); // the rest never comes
            assertTrue(answer[0].startsWith("HTTP/1.1 408"), answer[0]);
            assertTrue(answer[0].toLowerCase().contains("content-type: application/problem+json"), answer[0]);
        }
        Thread.sleep(500);
        Set<String> left = uploadsLeft();
        left.removeAll(before);
        assertEquals(Set.of(), left);
    }

    @Test
    void aMultipartBodyThatCannotBeReadIs400() throws IOException {
        Set<String> before = uploadsLeft();
        String open = "--x\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.png\"\r\n\r\nabc";
        for (String[] c : new String[][] {
                {"multipart/form-data; boundary=x", open}, // never closed
                {"multipart/form-data", "--x\r\n\r\n--x--\r\n"}, // no boundary named
                {"multipart/form-data; boundary=x", "no parts at all"},
                {"multipart/form-data; boundary=x", "--x\r\nContent-Disposition: form-data\r\n\r\nabc\r\n--x--\r\n"}}) {
            String[] answer = fixed("/api/v1/evidence", TestUsers.INSPECTOR_ZZ, c[0], c[1].getBytes(StandardCharsets.US_ASCII));
            assertTrue(answer[0].startsWith("HTTP/1.1 400"), c[1] + ": " + answer[0] + answer[1]);
            assertTrue(answer[0].toLowerCase().contains("content-type: application/problem+json"), c[1] + ": " + answer[0]);
        }
        Set<String> left = uploadsLeft();
        left.removeAll(before);
        assertEquals(Set.of(), left, "a refused upload's file is not kept");
    }

    @Test
    void refusalsSpeakTheReadersLanguage() {
        as(TestUsers.INSPECTOR_ZZ).header("Accept-Language", "zh-CN,zh;q=0.9").multiPart("file", "x.jpg",
                "<html>".getBytes(StandardCharsets.US_ASCII), "image/jpeg").multiPart("subject", SUBJECT)
                .multiPart("jurisdiction", "zhengzhou").post("/api/v1/evidence").then().statusCode(415)
                .contentType(PROBLEM).header("Content-Language", equalTo("zh"))
                .body("title", equalTo("证据文件被拒收")).body("errors[0].field", equalTo("file"))
                .body("errors[0].message", containsString("JPEG 或 PNG 图片或 PDF"));
        as(TestUsers.INSPECTOR_ZZ).header("Accept-Language", "zh").multiPart("file", "x.png", new byte[0], "image/png")
                .multiPart("subject", SUBJECT).multiPart("jurisdiction", "zhengzhou").post("/api/v1/evidence").then()
                .statusCode(400).body("errors[0].message", equalTo("文件为空"));
    }

    @Test
    void otherEndpointsKeepTheirLimit() throws IOException {
        // a multipart body over 2 MB anywhere else, and one to the upload that names no user
        int three = 3 * 1024 * 1024;
        for (String path : new String[] {"/api/v1/self-checks", "/api/v1/evaluations", "/api/v1//evidence", "/api/v1/EVIDENCE",
                "/api/v1/evidence/info", "/api/v1/evidence/x/thumbnail"}) {
            String[] answer = fixed(path, TestUsers.INSPECTOR_ZZ, three);
            assertTrue(answer[0].startsWith("HTTP/1.1 413"), path + ": " + answer[0]);
            assertTrue(answer[1].contains("\"field\":\"$\""), path + ": " + answer[1]);
        }
        String[] anonymous = fixed("/api/v1/evidence", null, three);
        assertTrue(anonymous[0].startsWith("HTTP/1.1 413"), anonymous[0]);
        assertTrue(anonymous[1].contains("2097152"), anonymous[1]);
        RestAssured.given().auth().none().multiPart("file", "x.jpg", new byte[three], "image/jpeg").multiPart("subject", SUBJECT)
                .post("/api/v1/evidence").then().statusCode(413).contentType(PROBLEM);
        // and one that fits is still asked who sends it
        RestAssured.given().auth().none().multiPart("file", "x.png", Samples.png(20, 20), "image/png")
                .multiPart("subject", SUBJECT).multiPart("jurisdiction", "zhengzhou").post("/api/v1/evidence").then()
                .statusCode(401).contentType(PROBLEM).header("WWW-Authenticate", containsString("Basic"));
    }

    @Test
    void anUnknownIdIs404() {
        for (String id : new String[] {"ev-00000000000000000000000000000000", "nothing", "x".repeat(300)}) {
            for (String path : new String[] {"", "/info", "/thumbnail"}) {
                as(TestUsers.INSPECTOR_ZZ).get("/api/v1/evidence/" + id + path).then().statusCode(404).contentType(PROBLEM)
                        .body("title", equalTo("Not Found")).body("detail", not(nullValue()));
            }
        }
    }

    /** A multipart request with a Content-Length of {@code length} and no body sent: the answer comes first. */
    static String[] fixed(String path, String user, int length) throws IOException {
        return fixed(path, user, "multipart/form-data; boundary=x", length, new byte[0]);
    }

    static String[] fixed(String path, String user, String type, byte[] body) throws IOException {
        return fixed(path, user, type, body.length, body);
    }

    private static String[] fixed(String path, String user, String type, int length, byte[] body) throws IOException {
        String head = "POST " + path + " HTTP/1.1\r\nHost: localhost\r\n" + (user == null ? "" : "Authorization: Basic "
                + java.util.Base64.getEncoder().encodeToString((user + ":" + TestUsers.PASSWORD).getBytes(StandardCharsets.UTF_8))
                + "\r\n") + "Content-Type: " + type + "\r\nContent-Length: " + length + "\r\nConnection: close\r\n\r\n";
        try (Socket socket = new Socket("localhost", RestAssured.port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            try {
                out.write(body);
                out.flush();
            } catch (IOException closedEarly) {
                // refused before the body was read
            }
            return answer(socket.getInputStream());
        }
    }

    private static String[] answer(InputStream in) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        try {
            for (int n; (n = in.read(buf)) > 0; ) {
                all.write(buf, 0, n);
            }
        } catch (IOException reset) {
            // what was read is the answer
        }
        String text = all.toString(StandardCharsets.UTF_8);
        int end = text.indexOf("\r\n\r\n");
        return end < 0 ? new String[] {text, ""} : new String[] {text.substring(0, end), text.substring(end + 4)};
    }

    /**
     * Writes the head and the start of a body, then chunks of zeros until {@code total} bytes or until the
     * server stops reading, and answers the status line and headers, and the body.
     */
    static String[] raw(String head, byte[] start, int total) throws IOException {
        try (Socket socket = new Socket("localhost", RestAssured.port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            try {
                writeChunk(out, start);
                byte[] zeros = new byte[64 * 1024];
                for (int sent = start.length; sent < total; sent += zeros.length) {
                    writeChunk(out, zeros);
                }
                out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
            } catch (IOException closedEarly) {
                // the server answers and closes before reading the rest
            }
            return answer(socket.getInputStream());
        }
    }

    private static void writeChunk(OutputStream out, byte[] data) throws IOException {
        out.write((Integer.toHexString(data.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(data);
        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
    }
}
