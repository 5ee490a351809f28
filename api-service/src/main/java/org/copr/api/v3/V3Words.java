package org.copr.api.v3;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A list field as Fedora's clients send it: a JSON list (python-copr, Packit) or one string of
 * words separated by spaces (copr-cli's {@code --packages "a b"}); null is "not sent".
 */
public class V3Words extends StdDeserializer<List<String>> {
  public V3Words() {
    super(List.class);
  }

  @Override
  public List<String> deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
    if (p.currentToken() == JsonToken.VALUE_STRING) {
      return split(p.getText());
    }
    if (p.currentToken() != JsonToken.START_ARRAY) {
      return ctx.reportInputMismatch(this, "expected a list or a space-separated string");
    }
    List<String> words = new ArrayList<>();
    JsonNode list = p.readValueAsTree();
    for (JsonNode item : list) {
      if (!item.isValueNode() || item.isNull()) {
        return ctx.reportInputMismatch(this, "expected a list of names, not %s", item);
      }
      words.addAll(split(item.asText()));
    }
    return words;
  }

  static List<String> split(String words) {
    return Arrays.stream(words.trim().split("\\s+")).filter(w -> !w.isEmpty()).toList();
  }
}
