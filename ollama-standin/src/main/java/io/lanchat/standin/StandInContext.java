package io.lanchat.standin;

/**
 * The state shared by all handlers and kept across {@code stop()}/{@code restart()}: settings,
 * observations, models, parallel slots and the timestamp source.
 */
record StandInContext(Knobs knobs, Stats stats, ModelRegistry models, ModelSlots slots, GoTime time) {
}
