package io.lanchat.server.ollama;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/** The body of {@code GET /api/tags}. */
@JsonIgnoreProperties(ignoreUnknown = true)
record OllamaTags(List<Model> models) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Model(String name, String model, Long size, Details details) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Details(String family, String parameterSize, String quantizationLevel) {
    }
}
