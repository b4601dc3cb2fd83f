package io.lanchat.server.ollama;

import io.netty.channel.ConnectTimeoutException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.time.Duration;

/**
 * The sentences users read when Ollama fails: what happened and what to do. One home for each, whichever part of
 * the server notices the failure (a reply, the availability monitor, admission of a chat).
 */
public final class Failures {
    /** Ollama's text for a prompt longer than the context when truncation is off ({@code errorInputTooLong}). */
    static final String INPUT_TOO_LONG = "the input length exceeds the context length";
    private Failures() {
    }

    /** A cloud model asked for on a server that keeps prompts on the LAN. */
    public static String cloudModelRefused(String model) {
        return "Model " + model + " runs on ollama.com, not on this network, so this server does not offer it;"
                + " an administrator can allow cloud models with --allow-cloud-models true"
                + " (LANCHAT_ALLOW_CLOUD_MODELS=true).";
    }

    public static String modelNotFound(String model) {
        return "Model " + model + " is not installed in Ollama: run `ollama pull " + model
                + "` on the Ollama machine, or choose an installed model.";
    }

    static String unreachable(OllamaEndpoint endpoint, Throwable cause) {
        if (cause instanceof ConnectTimeoutException) {
            return "Ollama at " + endpoint + " did not answer the connection in time. Check that the machine is"
                    + " up and reachable.";
        }
        if (cause instanceof UnknownHostException) {
            return "The Ollama host in " + endpoint + " cannot be resolved. Check OLLAMA_HOST.";
        }
        if (cause instanceof ConnectException || cause.getCause() instanceof ConnectException) {
            return notRunning(endpoint);
        }
        return "Cannot reach Ollama at " + endpoint + " (" + cause.getMessage() + ").";
    }

    public static String notRunning(OllamaEndpoint endpoint) {
        return "Ollama is not running at " + endpoint + " (connection refused). Start it with `ollama serve`,"
                + " or point this server at it with OLLAMA_HOST.";
    }

    /** Ollama refused the request with an HTTP error status before answering. */
    static OllamaFailure forStatus(int code, String text, String model) {
        if (code == 404 && text.contains("not found")) {
            return new OllamaFailure(OllamaFailure.Kind.MODEL_NOT_FOUND, modelNotFound(model), code);
        }
        if (code == 503) {
            return new OllamaFailure(OllamaFailure.Kind.BUSY, "Ollama is busy: its queue is full (" + text
                    + "). Try again in a moment.", code);
        }
        return new OllamaFailure(OllamaFailure.Kind.ERROR, "Ollama could not answer: " + text + " (HTTP " + code
                + ").", code);
    }

    /** An {@code error} line in the stream (before the first token when not {@code started}). */
    static OllamaFailure forStreamError(String text, boolean started, String model, int status) {
        if (!started && text.contains("not found")) {
            return new OllamaFailure(OllamaFailure.Kind.MODEL_NOT_FOUND, modelNotFound(model), status);
        }
        return new OllamaFailure(OllamaFailure.Kind.ERROR, "Ollama failed while answering: " + text
                + ". Try again; if it keeps failing, look at the Ollama server's log.", status);
    }

    static String seconds(Duration d) {
        long millis = d.toMillis();
        return millis % 1000 == 0 ? (millis / 1000) + " s" : String.format(java.util.Locale.ROOT, "%.1f s", millis / 1000.0);
    }
}
