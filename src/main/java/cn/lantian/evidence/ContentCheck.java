package cn.lantian.evidence;

import cn.lantian.engine.Text;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.zip.CRC32;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.jboss.logging.Logger;

/**
 * What an uploaded file is, by its bytes alone (never its name or the type the client declared): a JPEG
 * (FF D8 FF), a PNG (89 50 4E 47 0D 0A 1A 0A) or a PDF ({@code %PDF-1.x}); anything else is refused (415).
 *
 * <p>An image must decode whole: its size is read from its header first and refused above the pixel limit
 * (a decompression bomb: a few kilobytes that would decode to gigabytes), then it is decoded with every
 * k-th pixel kept, so that decoding takes memory for the thumbnail's size, never the photo's, while every
 * byte of the data is still read; a warning of the decoder (a truncated JPEG decodes with a grey end and a
 * warning) refuses it. A PNG's chunks are walked first, each CRC checked, IHDR first, IEND last and nothing
 * after it. The metadata of images is never parsed (a PNG's compressed text could hold gigabytes).
 *
 * <p>A PDF is not opened: it must begin with its header and end with {@code startxref} and {@code %%EOF} in
 * its last kilobyte. It is served with {@code Content-Security-Policy: sandbox} (see EvidenceResource), so
 * that what it holds never runs in the service's origin.
 *
 * <p>The thumbnail of an image is a JPEG at most {@value #THUMBNAIL_SIDE} px on its longer side, turned as the
 * JPEG's EXIF orientation says, on white where the PNG is transparent. Re-encoded, it carries none of the
 * original's metadata (EXIF, GPS position).
 */
final class ContentCheck {
    private static final Logger LOG = Logger.getLogger(ContentCheck.class);
    static final String JPEG = "image/jpeg";
    static final String PNG = "image/png";
    static final String PDF = "application/pdf";
    static final int THUMBNAIL_SIDE = 320;
    /** The longest side of an image: a row of a PNG is decoded whole, so a row is bounded as well as the area. */
    static final int MAX_SIDE = 30_000;
    private static final String FIELD = "file";
    private static final byte[] JPEG_MAGIC = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF};
    private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};
    private static final int PDF_TAIL = 1024;

    static {
        // Images are drawn off screen: never reach for a display (a DISPLAY set on a server would be tried).
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private ContentCheck() {}

    /** The file's type, its size as shown (images) and its thumbnail (images); null width, height and thumbnail for a PDF. */
    record Checked(String contentType, Integer width, Integer height, byte[] thumbnail) {}

    static Checked check(byte[] bytes, long maxPixels) {
        if (bytes.length == 0) {
            throw new EvidenceRefused(400, FIELD, Text.of("lantian.evidence.empty"));
        }
        if (startsWith(bytes, JPEG_MAGIC)) {
            return image(bytes, "jpeg", JPEG, maxPixels, ExifOrientation.of(bytes));
        }
        if (startsWith(bytes, PNG_MAGIC)) {
            pngChunks(bytes);
            return image(bytes, "png", PNG, maxPixels, 1);
        }
        if (startsWith(bytes, "%PDF-".getBytes(StandardCharsets.ISO_8859_1))) {
            pdf(bytes);
            return new Checked(PDF, null, null, null);
        }
        throw new EvidenceRefused(415, FIELD, Text.of("lantian.evidence.type"));
    }

    private static void pdf(byte[] b) {
        // %PDF-1.0 … %PDF-2.0
        if (b.length < 8 || !Character.isDigit(b[5]) || b[6] != '.' || !Character.isDigit(b[7])) {
            throw damaged("PDF");
        }
        int from = Math.max(0, b.length - PDF_TAIL);
        String tail = new String(b, from, b.length - from, StandardCharsets.ISO_8859_1);
        int eof = tail.lastIndexOf("%%EOF");
        int xref = tail.lastIndexOf("startxref");
        if (eof < 0 || xref < 0 || xref > eof) {
            throw new EvidenceRefused(400, FIELD, Text.of("lantian.evidence.pdfIncomplete"));
        }
    }

    /** Every chunk whole and with its CRC, IHDR first, IEND last, nothing after it. */
    private static void pngChunks(byte[] b) {
        CRC32 crc = new CRC32();
        int o = PNG_MAGIC.length;
        boolean first = true;
        while (true) {
            if (b.length - o < 12) {
                throw damaged("PNG");
            }
            long length = u32(b, o);
            if (length > b.length - o - 12L) {
                throw damaged("PNG");
            }
            String type = new String(b, o + 4, 4, StandardCharsets.ISO_8859_1);
            crc.reset();
            crc.update(b, o + 4, 4 + (int) length);
            if (crc.getValue() != u32(b, o + 8 + (int) length)) {
                throw damaged("PNG");
            }
            if (first != type.equals("IHDR")) {
                throw damaged("PNG");
            }
            first = false;
            o += 12 + (int) length;
            if (type.equals("IEND")) {
                if (o != b.length) {
                    throw damaged("PNG");
                }
                return;
            }
        }
    }

    private static Checked image(byte[] bytes, String format, String type, long maxPixels, int orientation) {
        String kind = format.toUpperCase(Locale.ROOT);
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format);
        if (!readers.hasNext()) {
            throw new IllegalStateException("no ImageIO reader for " + format);
        }
        ImageReader reader = readers.next();
        // In memory, never ImageIO's cache files.
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
            reader.setInput(in, true, true); // one image, its metadata never parsed
            int width = reader.getWidth(0);
            int height = reader.getHeight(0);
            if (width <= 0 || height <= 0) {
                throw damaged(kind);
            }
            if ((long) width * height > maxPixels || width > MAX_SIDE || height > MAX_SIDE) {
                throw new EvidenceRefused(413, FIELD, Text.of("lantian.evidence.pixels", "width", width, "height", height,
                        "max", maxPixels, "side", MAX_SIDE));
            }
            List<String> warnings = new ArrayList<>();
            reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
            ImageReadParam param = reader.getDefaultReadParam();
            int step = Math.max(1, Math.max(width, height) / (2 * THUMBNAIL_SIDE));
            param.setSourceSubsampling(step, step, 0, 0);
            BufferedImage decoded = reader.read(0, param);
            if (!warnings.isEmpty()) {
                LOG.debugf("a %s refused: %s", kind, warnings);
                throw damaged(kind);
            }
            boolean turned = orientation >= 5;
            return new Checked(type, turned ? height : width, turned ? width : height, thumbnail(decoded, orientation));
        } catch (EvidenceRefused e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            // What a damaged file makes a decoder throw (IIOException, and from malformed data, index or
            // argument errors): the file is refused, never the service failing.
            LOG.debugf("a %s that does not decode: %s", kind, e);
            throw damaged(kind);
        } finally {
            reader.dispose();
        }
    }

    /** The thumbnail: halved while more than twice its size (a smooth result), then drawn turned, on white. */
    static byte[] thumbnail(BufferedImage image, int orientation) {
        int w = image.getWidth();
        int h = image.getHeight();
        double scale = Math.min(1.0, (double) THUMBNAIL_SIDE / Math.max(w, h));
        int tw = Math.max(1, (int) Math.round(w * scale));
        int th = Math.max(1, (int) Math.round(h * scale));
        BufferedImage current = image;
        while (current.getWidth() / 2 >= tw && current.getHeight() / 2 >= th) {
            current = draw(current, current.getWidth() / 2, current.getHeight() / 2, BufferedImage.TYPE_INT_ARGB, 1);
        }
        BufferedImage out = draw(current, tw, th, BufferedImage.TYPE_INT_RGB, orientation);
        return jpeg(out);
    }

    /** {@code source} drawn at w × h, turned as the orientation says (the result is h × w when it turns a quarter). */
    private static BufferedImage draw(BufferedImage source, int w, int h, int imageType, int orientation) {
        boolean turned = orientation >= 5;
        BufferedImage out = new BufferedImage(turned ? h : w, turned ? w : h, imageType);
        Graphics2D g = out.createGraphics();
        try {
            if (imageType == BufferedImage.TYPE_INT_RGB) {
                g.setColor(Color.WHITE);
                g.fillRect(0, 0, out.getWidth(), out.getHeight());
            }
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.transform(orientation(orientation, w, h));
            g.drawImage(source, 0, 0, w, h, null);
        } finally {
            g.dispose();
        }
        return out;
    }

    /** Maps a w × h image to its place as shown (EXIF orientation 1 to 8). */
    static AffineTransform orientation(int orientation, int w, int h) {
        // new AffineTransform(m00, m10, m01, m11, m02, m12): x' = m00 x + m01 y + m02, y' = m10 x + m11 y + m12
        return switch (orientation) {
            case 2 -> new AffineTransform(-1, 0, 0, 1, w, 0);
            case 3 -> new AffineTransform(-1, 0, 0, -1, w, h);
            case 4 -> new AffineTransform(1, 0, 0, -1, 0, h);
            case 5 -> new AffineTransform(0, 1, 1, 0, 0, 0);
            case 6 -> new AffineTransform(0, 1, -1, 0, h, 0);
            case 7 -> new AffineTransform(0, -1, -1, 0, h, w);
            case 8 -> new AffineTransform(0, -1, 1, 0, 0, w);
            default -> new AffineTransform();
        };
    }

    private static byte[] jpeg(BufferedImage image) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(0.85f);
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new IllegalStateException("a thumbnail could not be written", e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    private static EvidenceRefused damaged(String kind) {
        return new EvidenceRefused(400, FIELD, Text.of("lantian.evidence.damaged", "kind", kind));
    }

    private static boolean startsWith(byte[] b, byte[] prefix) {
        if (b.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (b[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static long u32(byte[] b, int at) {
        return (b[at] & 0xFFL) << 24 | (b[at + 1] & 0xFFL) << 16 | (b[at + 2] & 0xFFL) << 8 | b[at + 3] & 0xFFL;
    }
}
