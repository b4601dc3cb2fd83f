package io.lanchat.server.room;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ModelMentionsTest {
    @ParameterizedTest
    @ValueSource(strings = {"@model what is a tide?", "what do you think, @model?", "@Model: sum up",
            "ask (@MODEL) now", "line one\n@model"})
    void aMentionAsAWordAddressesTheModel(String text) {
        assertThat(ModelMentions.addressesModel(text)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"what is a tide?", "write to me@model.org", "@models are big", "the model said",
            "@modeling", "x@model", "@model-builder"})
    void otherTextDoesNot(String text) {
        assertThat(ModelMentions.addressesModel(text)).isFalse();
    }

    @Test
    void anEmptyMessageDoesNot() {
        assertThat(ModelMentions.addressesModel("")).isFalse();
    }
}
