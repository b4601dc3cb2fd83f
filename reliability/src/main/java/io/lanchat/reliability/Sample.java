package io.lanchat.reliability;

/** One reading of the server process, {@code seconds} after the scenario started; -1 = not available. */
record Sample(double seconds, long rssBytes, long heapUsedBytes, long openFiles, long threads, long upstream,
              double loadAverage) {

    static Sample take(double seconds, ProcessProbe probe, int ollamaPort) {
        return new Sample(seconds, probe.rssBytes(), probe.heapUsedBytes(), probe.openFiles(), probe.threads(),
                ollamaPort > 0 ? UpstreamSockets.count(probe.pid, ollamaPort) : -1, MachineLoad.loadAverage());
    }
}
