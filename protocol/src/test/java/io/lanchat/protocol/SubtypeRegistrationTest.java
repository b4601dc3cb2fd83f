package io.lanchat.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Jackson 2.x does not notice a record that is permitted by a sealed root but missing from its
 * {@code @JsonSubTypes}: such a message could be neither read nor written. These tests catch that.
 */
final class SubtypeRegistrationTest {

    @ParameterizedTest
    @ValueSource(classes = {ClientMessage.class, ServerMessage.class})
    void registersExactlyThePermittedSubclasses(Class<?> root) {
        List<Class<?>> permitted = List.of(root.getPermittedSubclasses());

        List<Class<?>> registered = GoldenFiles.registeredTypes(root).stream()
                .<Class<?>>map(JsonSubTypes.Type::value)
                .toList();

        assertThat(registered).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(permitted);
    }

    @ParameterizedTest
    @ValueSource(classes = {ClientMessage.class, ServerMessage.class})
    void typeNamesAreUniqueLowerCaseAndHaveNoAliases(Class<?> root) {
        List<JsonSubTypes.Type> types = GoldenFiles.registeredTypes(root);

        List<String> names = types.stream().map(JsonSubTypes.Type::name).toList();

        assertThat(names).doesNotHaveDuplicates().allMatch(name -> name.matches("[a-z][a-z_]*"), "lower case");
        assertThat(types).allSatisfy(type -> assertThat(type.names()).as("aliases of %s", type.name()).isEmpty());
    }

    @ParameterizedTest
    @ValueSource(classes = {ClientMessage.class, ServerMessage.class})
    void discriminatorIsTheTypeProperty(Class<?> root) {
        JsonTypeInfo typeInfo = root.getAnnotation(JsonTypeInfo.class);

        assertThat(typeInfo).isNotNull();
        assertThat(typeInfo.use()).isEqualTo(JsonTypeInfo.Id.NAME);
        assertThat(typeInfo.include()).isEqualTo(JsonTypeInfo.As.PROPERTY);
        assertThat(typeInfo.property()).isEqualTo("type");
    }
}
