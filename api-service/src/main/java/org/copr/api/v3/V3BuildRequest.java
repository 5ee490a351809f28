package org.copr.api.v3;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/**
 * What python-copr sends to make a build: the project and the build options, flat in one JSON
 * document (the body, or the {@code json} part of an upload). Null is "not sent"; options whose
 * type varies between clients ({@code timeout} "3600" or 3600) are read as JSON and checked here.
 * {@code package_name} is {@code package/build}'s.
 */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record V3BuildRequest(
    String ownername,
    String projectname,
    String projectDirname,
    String packageName,
    @JsonDeserialize(using = V3Words.class) List<String> chroots,
    @JsonDeserialize(using = V3Words.class) List<String> excludeChroots,
    JsonNode timeout,
    JsonNode background,
    JsonNode enableNet,
    JsonNode bootstrap,
    JsonNode isolation,
    JsonNode afterBuildId,
    JsonNode withBuildId) {}
