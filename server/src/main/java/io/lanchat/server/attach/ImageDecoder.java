package io.lanchat.server.attach;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Iterator;
import java.util.Locale;
import java.util.Set;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Turns uploaded image bytes into what a vision model gets: decoded with ImageIO (the JDK's PNG, JPEG, GIF and BMP
 * readers, TwelveMonkeys' WebP reader), scaled down to a longest edge of {@code maxEdge}, and written again as PNG
 * (images with transparency, and lossless sources such as screenshots) or JPEG (photos). Writing the pixels anew
 * drops the original's metadata (camera, GPS position). Animated images keep their first frame.
 *
 * <p>Why scale at all: vision models cut an image into patches and each patch costs tokens, so a 12-megapixel
 * photo would fill the context window; models also scale large inputs down themselves, so the detail is lost
 * anyway. 1536 pixels keeps text in screenshots legible.
 *
 * <p>Blocking and CPU-heavy: called only on the attachment executor, never on an event loop.
 */
final class ImageDecoder {
    private static final Set<String> FORMATS = Set.of("png", "jpeg", "gif", "bmp", "webp");
    private static final Set<String> LOSSLESS = Set.of("png", "gif", "bmp");
    private static final float JPEG_QUALITY = 0.88f;

    /** An image ready for the model. */
    record Encoded(byte[] data, String mediaType, int width, int height) {
    }

    private final int maxEdge;
    private final long maxPixels;

    ImageDecoder(int maxEdge, long maxPixels) {
        this.maxEdge = maxEdge;
        this.maxPixels = maxPixels;
    }

    Encoded decode(byte[] bytes) throws AttachmentRefused {
        BufferedImage image;
        String format;
        // Memory-cached streams: ImageIO's default may spill to temporary files.
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw unreadable();
            }
            ImageReader reader = readers.next();
            try {
                format = reader.getFormatName().toLowerCase(Locale.ROOT);
                if (format.equals("jpg")) {
                    format = "jpeg";
                }
                if (!FORMATS.contains(format)) {
                    throw unreadable();
                }
                reader.setInput(in, true, true);           // forward only, metadata ignored
                image = readBounded(reader);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            throw new AttachmentRefused(400, "The image could not be decoded (damaged or cut off?). Send it as PNG,"
                    + " JPEG, WebP, GIF or BMP.");
        }
        BufferedImage scaled = scaleDown(image);
        boolean png = LOSSLESS.contains(format) || scaled.getColorModel().hasAlpha();
        try {
            return png ? new Encoded(png(scaled), "image/png", scaled.getWidth(), scaled.getHeight())
                    : new Encoded(jpeg(scaled), "image/jpeg", scaled.getWidth(), scaled.getHeight());
        } catch (IOException e) {
            throw new AttachmentRefused(500, "The image could not be re-encoded: " + e.getMessage());
        }
    }

    /**
     * Reads the first frame, after checking its size from the header alone: a small file can declare a huge image
     * (a decompression bomb). Large images are subsampled while they are read, so the full-size pixels are never held.
     */
    private BufferedImage readBounded(ImageReader reader) throws IOException, AttachmentRefused {
        int width = reader.getWidth(0);
        int height = reader.getHeight(0);
        if (width <= 0 || height <= 0) {
            throw unreadable();
        }
        if ((long) width * height > maxPixels) {
            throw new AttachmentRefused(400, "The image is " + width + " x " + height + " pixels; this server takes"
                    + " at most " + maxPixels + " pixels (--max-image-pixels).");
        }
        ImageReadParam param = reader.getDefaultReadParam();
        int step = Math.max(1, Math.max(width, height) / maxEdge);      // still at least maxEdge after reading
        if (step > 1) {
            param.setSourceSubsampling(step, step, 0, 0);
        }
        return reader.read(0, param);
    }

    private BufferedImage scaleDown(BufferedImage image) {
        int width = image.getWidth();
        int height = image.getHeight();
        boolean alpha = image.getColorModel().hasAlpha();
        int longest = Math.max(width, height);
        int type = alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB;
        if (longest <= maxEdge && image.getType() == type) {
            return image;
        }
        double factor = longest <= maxEdge ? 1.0 : (double) maxEdge / longest;
        int w = Math.max(1, (int) Math.round(width * factor));
        int h = Math.max(1, (int) Math.round(height * factor));
        BufferedImage out = new BufferedImage(w, h, type);   // plain RGB(A): what both writers take
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.drawImage(image, 0, 0, w, h, null);
        } finally {
            g.dispose();
        }
        return out;
    }

    private static byte[] png(BufferedImage image) throws IOException {
        return write("png", image, null);
    }

    private static byte[] jpeg(BufferedImage image) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ImageWriteParam param = writer.getDefaultWriteParam();
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionQuality(JPEG_QUALITY);
        writer.dispose();
        return write("jpeg", image, param);
    }

    private static byte[] write(String format, BufferedImage image, ImageWriteParam param) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName(format).next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
            writer.setOutput(stream);
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    private static AttachmentRefused unreadable() {
        return new AttachmentRefused(400, "This is not an image the server can read. Send PNG, JPEG, WebP, GIF or"
                + " BMP.");
    }
}
