package org.copr.runtime.kafka;

import io.smallrye.config.ConfigSourceInterceptor;
import io.smallrye.config.ConfigSourceInterceptorContext;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.Priorities;
import jakarta.annotation.Priority;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every incoming channel's dead-letter topic is its topic's name plus {@code .dlq} (the channel's
 * name where it sets no topic: channels are named after their topics), unless the channel sets one
 * itself. Above the profile interceptor, so a channel's {@code %test.} topic counts; below
 * expressions, so a topic with {@code ${...}} is resolved.
 */
@Priority(Priorities.LIBRARY + 250)
public final class DeadLetterTopics implements ConfigSourceInterceptor {
  private static final Pattern DLQ_TOPIC =
      Pattern.compile(
          "mp\\.messaging\\.incoming\\.(\"[^\"]+\"|[^.\"]+)\\.dead-letter-queue\\.topic");

  @Override
  public ConfigValue getValue(ConfigSourceInterceptorContext context, String name) {
    ConfigValue value = context.proceed(name);
    if (value != null) {
      return value;
    }
    Matcher dlq = DLQ_TOPIC.matcher(name);
    if (!dlq.matches()) {
      return null;
    }
    String channel = dlq.group(1);
    ConfigValue topic = context.proceed("mp.messaging.incoming." + channel + ".topic");
    String topicName = topic != null ? topic.getValue() : channel.replace("\"", "");
    return ConfigValue.builder()
        .withName(name)
        .withValue(topicName + ".dlq")
        .withConfigSourceName("copr-dead-letter-topics")
        .build();
  }
}
