/**
 * Server configuration: flags and environment variables, parsed and validated once at start-up into an
 * immutable {@link io.lanchat.server.config.ServerConfig}.
 */
package io.lanchat.server.config;
