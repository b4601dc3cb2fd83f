package io.lanchat.server.config;

/** A configuration value is missing or wrong; the message names the flag or variable and what is allowed. */
public final class ConfigException extends IllegalArgumentException {
    public ConfigException(String message) {
        super(message);
    }
}
