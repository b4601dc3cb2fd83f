package io.lanchat.standin;

/**
 * A switchable misbehaviour for {@code POST /api/chat}, each reproducing something a real Ollama
 * (or the network in front of it) can do to a client. "A few chunks" below means the first two
 * content chunks of the reply (fewer if the reply is shorter).
 */
public enum Fault {
    /** Behave like a healthy Ollama. */
    NONE,
    /** 200, a few content chunks, then {@code {"error":"an error was encountered while running the model"}\n}, clean end, no done line. */
    ERROR_MID_STREAM,
    /** Pre-v0.12.6 behaviour: 200 {@code application/x-ndjson} whose first and only line is the runner-stopped {@code {"error":...}}. */
    ERROR_FIRST_LINE_LEGACY,
    /** After the load delay: 500 {@code application/json} with the "model runner has unexpectedly stopped" error. */
    HTTP_500,
    /** At once: 503 {@code {"error":"server busy, please try again.  maximum pending requests exceeded"}} (two spaces). */
    HTTP_503_BUSY,
    /** All content chunks, then the chunked body ends cleanly (terminating chunk) without a {@code done:true} line. */
    END_WITHOUT_DONE,
    /** A few content chunks, then the connection is closed without the terminating chunk. */
    RESET_MID_STREAM,
    /**
     * No headers at all until {@code stop()} (or a 10-minute cap, after which the connection is
     * dropped). The JDK server cannot see the client leave while nothing is written, so the
     * request is never counted as cancelled; it holds no model slot, so later requests are not blocked.
     */
    STALL_BEFORE_FIRST_TOKEN,
    /**
     * A few content chunks, then silence until {@code stop()} (or a 10-minute cap, then the
     * connection is dropped). Not counted as cancelled if the client leaves (undetectable while
     * silent) and it stays in {@code openStreams()}; it gives up its model slot when it goes silent.
     */
    STALL_MID_STREAM,
    /** A normal stream whose bytes go out in tiny flushed pieces split anywhere, even inside UTF-8 characters and across lines. */
    SPLIT_CHUNKS,
    /** A few content chunks, then the line {@code {"model":"<model>",} (not JSON), then a clean end. */
    MALFORMED_LINE
}
