package io.lanchat.standin;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * Images in chat messages. A model without the {@code vision} capability refuses them with the text of Ollama's
 * {@code model.ErrNoVisionModel} ("this model is missing data required for image input"; ollama/ollama
 * model/model.go), as a 400. A vision model's default reply starts by saying what it saw in the last user
 * message ({@code [2 images: 1536x1024 jpeg, 40x30 png]}), so tests can check what reached it.
 */
final class Vision {
    static final String NO_VISION = "this model is missing data required for image input";

    private Vision() {
    }

    /** @throws ApiError 400 when a message carries images and {@code model} cannot see */
    static void check(ModelInfo model, ChatCall call) {
        boolean images = call.messages().stream().anyMatch(m -> !m.images().isEmpty());
        if (images && !model.capabilities().contains("vision")) {
            throw new ApiError(400, NO_VISION);
        }
    }

    /** {@code "[N images: WxH format, ...] "} for the last user message's images; "" when it has none. */
    static String seen(ChatCall call) {
        List<String> images = List.of();
        for (Message m : call.messages()) {
            if (m.role().equals("user")) {
                images = m.images();
            }
        }
        if (images.isEmpty()) {
            return "";
        }
        List<String> described = new ArrayList<>();
        for (String image : images) {
            described.add(describe(image));
        }
        return "[" + images.size() + (images.size() == 1 ? " image: " : " images: ") + String.join(", ", described)
                + "] ";
    }

    private static String describe(String base64) {
        try {
            byte[] bytes = Base64.getDecoder().decode(base64);
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(bytes));
            if (image == null) {
                return "unreadable";
            }
            String format = bytes.length > 3 && (bytes[0] & 0xff) == 0x89 ? "png"
                    : (bytes[0] & 0xff) == 0xff ? "jpeg" : "other";
            return image.getWidth() + "x" + image.getHeight() + " " + format;
        } catch (IllegalArgumentException | IOException e) {
            return "unreadable";
        }
    }
}
