package io.lanchat.server.ollama;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/** The body of {@code GET /api/tags}. */
@JsonIgnoreProperties(ignoreUnknown = true)
record OllamaTags(List<Model> models) {

    /** One entry; {@code capabilities} only from newer Ollama, {@code remote_*} only for cloud models. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Model(String name, String model, Long size, String digest, Details details, List<String> capabilities,
                 String remoteModel, String remoteHost) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Details(String family, String parameterSize, String quantizationLevel, Integer contextLength) {
    }
}
