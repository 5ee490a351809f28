package org.copr.api.v3;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;
import java.util.Map;

/**
 * A project as Fedora Copr's API v3 shows it, every field present. The builder settings this Copr
 * does not have show what it does instead (no network, no pruning, mock's defaults); {@code
 * additional_repos} are the copr's dependencies as {@code copr://owner/name}.
 */
@RegisterForReflection
public record V3Project(
    long id,
    String name,
    String ownername,
    String fullName,
    String homepage,
    String contact,
    String description,
    String instructions,
    boolean develMode,
    boolean persistent,
    boolean unlistedOnHp,
    boolean autoPrune,
    boolean enableNet,
    String bootstrap,
    String isolation,
    boolean moduleHotfixes,
    boolean appstream,
    List<String> packitForgeProjectsAllowed,
    boolean followFedoraBranching,
    Integer repoPriority,
    List<String> additionalRepos,
    String storage,
    Map<String, String> chrootRepos) {}
