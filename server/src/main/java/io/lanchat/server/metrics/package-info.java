/** Operational metrics, exposed at {@code GET /metrics} in Prometheus text format through Micrometer. */
package io.lanchat.server.metrics;
