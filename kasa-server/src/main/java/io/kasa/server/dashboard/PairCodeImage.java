package io.kasa.server.dashboard;

import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import com.google.zxing.qrcode.encoder.ByteMatrix;
import com.google.zxing.qrcode.encoder.Encoder;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * The QR code of a pair code as a small SVG: one path of unit squares with a four-module
 * quiet zone. It encodes {@code kasa-pair:<code>}, so a phone or a terminal's camera can read
 * the code instead of a person typing it.
 */
public final class PairCodeImage {

    private static final Pattern CODE = Pattern.compile("\\d{6}");

    private PairCodeImage() {
    }

    public static boolean isPairCode(String code) {
        return code != null && CODE.matcher(code).matches();
    }

    public static String svg(String code) {
        if (!isPairCode(code)) {
            throw new IllegalArgumentException("not a pair code");
        }
        ByteMatrix matrix;
        try {
            matrix = Encoder.encode("kasa-pair:" + code, ErrorCorrectionLevel.M,
                    Map.of(EncodeHintType.CHARACTER_SET, "UTF-8")).getMatrix();
        } catch (WriterException e) {
            throw new IllegalStateException(e);
        }
        int quiet = 4;
        int size = matrix.getWidth() + 2 * quiet;
        StringBuilder path = new StringBuilder();
        for (int y = 0; y < matrix.getHeight(); y++) {
            for (int x = 0; x < matrix.getWidth(); x++) {
                if (matrix.get(x, y) == 1) {
                    path.append('M').append(x + quiet).append(',').append(y + quiet).append("h1v1h-1z");
                }
            }
        }
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + size + " " + size
                + "\" shape-rendering=\"crispEdges\" role=\"img\" aria-label=\"QR code of the pair code\">"
                + "<rect width=\"" + size + "\" height=\"" + size + "\" fill=\"#fff\"/>"
                + "<path fill=\"#000\" d=\"" + path + "\"/></svg>";
    }
}
