package cn.lantian.evidence;

import java.nio.charset.StandardCharsets;

/**
 * The EXIF orientation of a JPEG (tag 0x0112 of its APP1 "Exif" segment): how a phone held upright or on its
 * side says the stored pixels are to be turned for showing. 1 (as stored) when there is none or it cannot
 * be read; every offset is checked against the segment, so that no file makes this read outside it.
 *
 * <p>1 as stored, 2 mirrored, 3 turned 180°, 4 mirrored upside down, 5 mirrored across the diagonal
 * (transposed), 6 turned 90° clockwise, 7 transverse, 8 turned 90° anticlockwise.
 */
final class ExifOrientation {
    private static final byte[] EXIF = "Exif\0\0".getBytes(StandardCharsets.ISO_8859_1);
    private static final int ORIENTATION_TAG = 0x0112;
    private static final int SHORT = 3;

    private ExifOrientation() {}

    /** The orientation, 1 to 8. */
    static int of(byte[] jpeg) {
        int o = 2; // after SOI
        while (o + 4 <= jpeg.length) {
            if ((jpeg[o] & 0xFF) != 0xFF) {
                return 1;
            }
            int marker = jpeg[o + 1] & 0xFF;
            if (marker == 0xFF) { // a fill byte
                o++;
                continue;
            }
            if (marker == 0x01 || marker == 0xD8 || marker >= 0xD0 && marker <= 0xD7) { // no length follows
                o += 2;
                continue;
            }
            if (marker == 0xDA || marker == 0xD9) { // the image data begins (or ends): no metadata after it
                return 1;
            }
            int length = u16(jpeg, o + 2, true);
            int end = o + 2 + length;
            if (length < 2 || end > jpeg.length) {
                return 1;
            }
            if (marker == 0xE1 && length >= 2 + EXIF.length + 8 && startsWith(jpeg, o + 4, EXIF)) {
                int orientation = tiff(jpeg, o + 4 + EXIF.length, end);
                if (orientation != 0) {
                    return orientation;
                }
            }
            o = end;
        }
        return 1;
    }

    /** The orientation in the TIFF structure at {@code base} (ending before {@code end}), or 0. */
    private static int tiff(byte[] b, int base, int end) {
        boolean bigEndian;
        if (b[base] == 'M' && b[base + 1] == 'M') {
            bigEndian = true;
        } else if (b[base] == 'I' && b[base + 1] == 'I') {
            bigEndian = false;
        } else {
            return 0;
        }
        if (u16(b, base + 2, bigEndian) != 42) {
            return 0;
        }
        long ifd = u32(b, base + 4, bigEndian);
        if (ifd < 8 || ifd > end - base - 2) {
            return 0;
        }
        int at = base + (int) ifd;
        int entries = u16(b, at, bigEndian);
        for (int i = 0; i < entries; i++) {
            int entry = at + 2 + 12 * i;
            if (entry + 12 > end) {
                return 0;
            }
            if (u16(b, entry, bigEndian) == ORIENTATION_TAG) {
                if (u16(b, entry + 2, bigEndian) != SHORT) {
                    return 0;
                }
                int value = u16(b, entry + 8, bigEndian);
                return value >= 1 && value <= 8 ? value : 0;
            }
        }
        return 0;
    }

    private static boolean startsWith(byte[] b, int at, byte[] prefix) {
        if (at + prefix.length > b.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (b[at + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static int u16(byte[] b, int at, boolean bigEndian) {
        int hi = b[at] & 0xFF;
        int lo = b[at + 1] & 0xFF;
        return bigEndian ? hi << 8 | lo : lo << 8 | hi;
    }

    private static long u32(byte[] b, int at, boolean bigEndian) {
        long first = u16(b, at, bigEndian);
        long second = u16(b, at + 2, bigEndian);
        return bigEndian ? first << 16 | second : second << 16 | first;
    }
}
