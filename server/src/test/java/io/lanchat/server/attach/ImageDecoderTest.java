package io.lanchat.server.attach;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

final class ImageDecoderTest {
    private final ImageDecoder decoder = new ImageDecoder(256, 1_000_000);

    @Test
    void scalesALargePhotoDownToTheLongestEdgeAsJpeg() throws Exception {
        byte[] photo = encode(picture(1200, 800, false), "jpeg");

        ImageDecoder.Encoded out = decoder.decode(photo);

        assertThat(out.mediaType()).isEqualTo("image/jpeg");
        assertThat(out.width()).isEqualTo(256);
        assertThat(out.height()).isEqualTo(171);
        BufferedImage read = ImageIO.read(new ByteArrayInputStream(out.data()));
        assertThat(read.getWidth()).isEqualTo(256);
    }

    @Test
    void keepsTransparencyAsPng() throws Exception {
        byte[] png = encode(picture(300, 100, true), "png");

        ImageDecoder.Encoded out = decoder.decode(png);

        assertThat(out.mediaType()).isEqualTo("image/png");
        assertThat(out.width()).isEqualTo(256);
        BufferedImage read = ImageIO.read(new ByteArrayInputStream(out.data()));
        assertThat(read.getColorModel().hasAlpha()).isTrue();
        assertThat(read.getRGB(0, 0) >>> 24).as("the transparent corner stays transparent").isEqualTo(0);
    }

    @Test
    void readsGifAndBmpAndKeepsSmallImagesAtTheirSize() throws Exception {
        for (String format : new String[] {"gif", "bmp", "png"}) {
            ImageDecoder.Encoded out = decoder.decode(encode(picture(40, 30, false), format));

            assertThat(out.mediaType()).as(format).isEqualTo("image/png");     // lossless sources stay lossless
            assertThat(out.width()).isEqualTo(40);
            assertThat(out.height()).isEqualTo(30);
        }
    }

    @Test
    void readsWebp() throws Exception {
        // A 1x1 lossless WebP (VP8L), written out byte by byte: the JDK has no WebP writer to make one.
        byte[] webp = hex("524946461a000000574542505650384c0d0000002f0000001007101111888808"
                + "0800");

        ImageDecoder.Encoded out = decoder.decode(webp);

        assertThat(out.width()).isEqualTo(1);
        assertThat(out.height()).isEqualTo(1);
    }

    @Test
    void refusesADecompressionBombFromItsHeaderAlone() {
        // A PNG header claiming 50,000 x 50,000 pixels, with no pixel data at all: refused before any decoding.
        byte[] bomb = pngHeaderOnly(50_000, 50_000);

        assertThatThrownBy(() -> decoder.decode(bomb)).isInstanceOf(AttachmentRefused.class)
                .hasMessageContaining("50000 x 50000").hasMessageContaining("--max-image-pixels")
                .extracting(e -> ((AttachmentRefused) e).status()).isEqualTo(400);
    }

    @Test
    void refusesBytesThatAreNoImage() {
        assertThatThrownBy(() -> decoder.decode("hello, not an image".getBytes()))
                .isInstanceOf(AttachmentRefused.class).hasMessageContaining("not an image");
    }

    @Test
    void refusesACutOffImage() throws Exception {
        byte[] whole = encode(picture(200, 200, false), "png");
        byte[] cut = Arrays.copyOf(whole, whole.length / 3);

        assertThatThrownBy(() -> decoder.decode(cut)).isInstanceOf(AttachmentRefused.class)
                .hasMessageContaining("could not be decoded");
    }

    static BufferedImage picture(int width, int height, boolean alpha) {
        BufferedImage image = new BufferedImage(width, height,
                alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.ORANGE);
        g.fillRect(width / 4, height / 4, width / 2, height / 2);
        g.dispose();
        return image;
    }

    static byte[] encode(BufferedImage image, String format) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(ImageIO.write(image, format, out)).as("a " + format + " writer").isTrue();
        return out.toByteArray();
    }

    private static byte[] pngHeaderOnly(int width, int height) {
        ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) 8).put((byte) 2)
                .put((byte) 0).put((byte) 0).put((byte) 0);
        CRC32 crc = new CRC32();
        crc.update("IHDR".getBytes());
        crc.update(ihdr.array());
        return ByteBuffer.allocate(8 + 25).put(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'})
                .putInt(13).put("IHDR".getBytes()).put(ihdr.array()).putInt((int) crc.getValue()).array();
    }

    private static byte[] hex(String s) {
        byte[] out = new byte[s.length() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) Integer.parseInt(s.substring(2 * i, 2 * i + 2), 16);
        }
        return out;
    }
}
