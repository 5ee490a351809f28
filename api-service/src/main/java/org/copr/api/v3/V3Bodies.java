package org.copr.api.v3;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import org.copr.api.error.ApiException;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/**
 * python-copr sends a multipart request's fields as one JSON document in a file part named {@code
 * json}; this reads it into the route's record, bounded and validated like a JSON body.
 */
@ApplicationScoped
public class V3Bodies {
  static final int MAX_JSON_PART = 1 << 20;

  private final ObjectMapper json;
  private final Validator validator;

  V3Bodies(ObjectMapper json, Validator validator) {
    this.json = json;
    this.validator = validator;
  }

  public <T> T jsonPart(FileUpload part, Class<T> type) {
    if (part == null) {
      throw ApiException.badRequest("send the fields as the multipart part named 'json'");
    }
    if (part.size() > MAX_JSON_PART) {
      throw ApiException.tooLarge(
          "the 'json' part has " + part.size() + " bytes; the limit is " + MAX_JSON_PART);
    }
    T body;
    try (InputStream in = Files.newInputStream(part.uploadedFile())) {
      body = json.readValue(in, type);
    } catch (JsonProcessingException e) {
      throw ApiException.badRequest(
          "the 'json' part is not the JSON this route expects: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (body == null) {
      throw ApiException.badRequest("the 'json' part is empty");
    }
    var violations = validator.validate(body);
    if (!violations.isEmpty()) {
      throw ApiException.invalid(new ConstraintViolationException(violations));
    }
    return body;
  }
}
