package org.copr.runtime.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;
import org.copr.contracts.EventJson;

/** Every service's REST JSON follows the naming rule of the events: one rule, set here once. */
@Singleton
public class RestJson implements ObjectMapperCustomizer {
  @Override
  public void customize(ObjectMapper mapper) {
    mapper.setPropertyNamingStrategy(EventJson.NAMING);
  }
}
