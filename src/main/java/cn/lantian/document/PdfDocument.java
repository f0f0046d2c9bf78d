package cn.lantian.document;

import com.openhtmltopdf.pdfboxout.PDFontSupplier;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/** A document's HTML rendered as PDF, its Chinese drawn with the embedded CJK font (a subset of it). */
public final class PdfDocument {
    /** The family name the document's stylesheet names first. */
    public static final String FAMILY = "Lantian CJK";

    private PdfDocument() {}

    public static byte[] render(String xhtml, Optional<String> configuredFont) {
        try (CjkFont.Opened font = CjkFont.open(configuredFont); PDDocument doc = new PDDocument()) {
            PDType0Font embedded = PDType0Font.load(doc, font.font(), true);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            PdfRendererBuilder builder = new PdfRendererBuilder();
            builder.useFastMode();
            builder.usePDDocument(doc);
            builder.useFont(new PDFontSupplier(embedded), FAMILY);
            builder.withHtmlContent(xhtml, null);
            builder.withProducer("Lantian");
            builder.toStream(out);
            builder.run();
            if (out.size() == 0) {
                doc.save(out);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
