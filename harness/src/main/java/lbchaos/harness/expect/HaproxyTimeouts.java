package lbchaos.harness.expect;

import java.time.Duration;

/**
 * The timeouts in force for one haproxy proxy section (defaults already applied by the parser),
 * with where the section starts, for {@link Lint}. Null means not set.
 */
public record HaproxyTimeouts(String file, int line, String section, Duration connect,
    Duration client, Duration server, Duration check) {}
