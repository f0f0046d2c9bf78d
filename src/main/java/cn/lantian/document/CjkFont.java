package cn.lantian.document;

import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.fontbox.ttf.OpenTypeFont;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeCollection;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBufferedFile;

/**
 * The CJK font a PDF embeds: the one {@code lantian.documents.font} names, else the first usable of the fonts
 * Debian installs (fonts-wqy-microhei's TrueType collection, then Noto CJK when it is TrueType-flavoured). The
 * PDF library embeds TrueType outlines only: a CFF-flavoured OpenType font (Debian's Noto CJK .ttc) would draw
 * empty boxes, so it does not count as usable.
 */
public final class CjkFont {
    /** The property that names the font when none is found. */
    public static final String PROPERTY = "lantian.documents.font";
    static final List<String> CANDIDATES = List.of(
            "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
            "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
            "/usr/share/fonts/truetype/noto/NotoSansCJK-Regular.ttc",
            "/usr/share/fonts/truetype/noto/NotoSansSC-Regular.ttf",
            "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
            "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc");

    private CjkFont() {}

    /** No usable font: says which property to set. */
    public static final class Unavailable extends RuntimeException {
        public Unavailable(String message) {
            super(message);
        }
    }

    /** A font opened for one document; closed after the document is written. */
    public interface Opened extends AutoCloseable {
        TrueTypeFont font();

        String file();

        @Override
        void close() throws IOException;
    }

    /** The configured font, or the first usable candidate; {@link Unavailable} when there is none. */
    public static Opened open(Optional<String> configured) {
        List<String> tried = new ArrayList<>();
        List<String> files = configured.filter(s -> !s.isBlank()).map(List::of).orElse(CANDIDATES);
        for (String file : files) {
            Optional<Opened> opened = tryOpen(file, tried);
            if (opened.isPresent()) {
                return opened.get();
            }
        }
        throw new Unavailable("No CJK TrueType font to embed in the PDF (" + String.join("; ", tried)
                + "): install fonts-wqy-microhei, or set " + PROPERTY + "=/path/font.ttf|.ttc");
    }

    private static Optional<Opened> tryOpen(String file, List<String> tried) {
        File f = new File(file);
        if (!f.isFile() || !f.canRead()) {
            tried.add(file + " not found");
            return Optional.empty();
        }
        try {
            if (file.toLowerCase(java.util.Locale.ROOT).endsWith(".ttc")) {
                TrueTypeCollection collection = new TrueTypeCollection(f);
                TrueTypeFont[] first = new TrueTypeFont[1];
                collection.processAllFonts(ttf -> {
                    if (first[0] == null && usable(ttf)) {
                        first[0] = ttf;
                    }
                });
                if (first[0] == null) {
                    collection.close();
                    tried.add(file + " has no TrueType-flavoured font");
                    return Optional.empty();
                }
                return Optional.of(opened(first[0], file, collection::close));
            }
            TrueTypeFont ttf = new TTFParser().parse(new RandomAccessReadBufferedFile(f));
            if (!usable(ttf)) {
                ttf.close();
                tried.add(file + " is not TrueType-flavoured");
                return Optional.empty();
            }
            return Optional.of(opened(ttf, file, ttf::close));
        } catch (IOException | RuntimeException e) {
            tried.add(file + " cannot be read as a font");
            return Optional.empty();
        }
    }

    private static boolean usable(TrueTypeFont ttf) throws IOException {
        if (ttf instanceof OpenTypeFont otf && otf.isPostScript()) {
            return false;
        }
        // a CJK font: it draws 罚 (U+7F5A)
        return ttf.getUnicodeCmapLookup(false) != null && ttf.getUnicodeCmapLookup(false).getGlyphId(0x7F5A) > 0;
    }

    private interface Closer {
        void close() throws IOException;
    }

    private static Opened opened(TrueTypeFont font, String file, Closer closer) {
        return new Opened() {
            public TrueTypeFont font() {
                return font;
            }

            public String file() {
                return file;
            }

            public void close() throws IOException {
                closer.close();
            }
        };
    }
}
