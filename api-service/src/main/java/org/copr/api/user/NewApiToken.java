package org.copr.api.user;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import org.copr.api.Limits;

/**
 * Body of POST /users/me/tokens, every field optional: a name to recognize the token by, and its
 * end as a number of days from now or as a time (not both; by default {@link
 * ApiTokenService#DEFAULT_DAYS} days, at most {@link Limits#TOKEN_DAYS}).
 */
@RegisterForReflection
public record NewApiToken(
    @Size(max = Limits.TOKEN_NAME, message = "name: at most {max} characters") String name,
    @Min(value = 1, message = "expires_in_days: at least {value}")
        @Max(value = Limits.TOKEN_DAYS, message = "expires_in_days: at most {value}")
        Integer expiresInDays,
    Instant expiresAt) {}
