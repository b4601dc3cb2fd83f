package io.lanchat.server.config;

/**
 * One configuration setting: its flag, its environment variable, its default and its help text.
 * The order here is the order of {@code --help}.
 */
public enum Option {
    BIND("--bind", "LANCHAT_BIND", "0.0.0.0", "address to listen on (0.0.0.0 = every interface, for the LAN)"),
    PORT("--port", "LANCHAT_PORT", "8080", "port for HTTP and WebSocket (/ws); 0 picks a free port"),
    OLLAMA_HOST("--ollama-host", "OLLAMA_HOST", OllamaHost.DEFAULT,
            "Ollama's address, parsed like Ollama's own clients (host, host:port, http(s)://host:port/path);"
                    + " several backends separated by commas"),
    PARALLEL("--parallel", "LANCHAT_PARALLEL", "1",
            "generations each Ollama backend runs at once per model (match its OLLAMA_NUM_PARALLEL)"),
    MAX_QUEUE("--max-queue", "LANCHAT_MAX_QUEUE", "100", "most requests waiting for a free Ollama slot"),
    MODEL("--model", "LANCHAT_MODEL", "llama3:8b", "default model for chats that name none"),
    SYSTEM_PROMPT("--system-prompt", "LANCHAT_SYSTEM_PROMPT", "", "system prompt put first in every conversation"),
    MAX_SESSIONS("--max-sessions", "LANCHAT_MAX_SESSIONS", "10000", "most conversations kept in memory (each counts for at least max-history-chars / max-sessions)"),
    SESSION_IDLE("--session-idle", "LANCHAT_SESSION_IDLE", "30m",
            "drop a conversation from memory when untouched this long (a stored one is read back when opened)"),
    DATABASE("--database", "LANCHAT_DATABASE", "sqlite",
            "where conversations are kept: sqlite (a file in --data-dir), a jdbc:postgresql://HOST:PORT/DB URL"
                    + " (user and password as URL parameters), or none (memory only: lost at restart)"),
    DATA_DIR("--data-dir", "LANCHAT_DATA_DIR", "lanchat-data",
            "folder for the SQLite database, created with owner-only permissions"),
    RETENTION("--retention", "LANCHAT_RETENTION", "off",
            "delete stored conversations untouched this long, e.g. 90d; off keeps them until their owner deletes them"),
    HISTORY_BUDGET("--history-budget-chars", "LANCHAT_HISTORY_BUDGET_CHARS", "16000",
            "most characters of history sent to Ollama; older turns are trimmed first"),
    MAX_HISTORY_CHARS("--max-history-chars", "LANCHAT_MAX_HISTORY_CHARS", "auto",
            "most characters of conversation held over all sessions; idle ones are evicted beyond, live ones never;"
                    + " auto = an eighth of the maximum heap in characters (about a quarter of it in bytes)"),
    MAX_SESSION_CHARS("--max-session-chars", "LANCHAT_MAX_SESSION_CHARS", "250000",
            "most characters one conversation keeps; its oldest messages are dropped beyond"),
    MAX_STORED_MESSAGES("--max-stored-messages", "LANCHAT_MAX_STORED_MESSAGES", "200",
            "most messages kept per conversation"),
    MAX_MESSAGE_CHARS("--max-message-chars", "LANCHAT_MAX_MESSAGE_CHARS", "8000", "longest chat message accepted"),
    MAX_FRAME_BYTES("--max-frame-bytes", "LANCHAT_MAX_FRAME_BYTES", "65536",
            "largest WebSocket message accepted; larger ones close the connection with 1009"),
    CONNECT_TIMEOUT("--connect-timeout", "LANCHAT_CONNECT_TIMEOUT", "5s", "time allowed to connect to Ollama"),
    FIRST_TOKEN_TIMEOUT("--first-token-timeout", "LANCHAT_FIRST_TOKEN_TIMEOUT", "5m",
            "time allowed until the first token; covers Ollama's queue and a cold model load"),
    TOKEN_IDLE_TIMEOUT("--token-idle-timeout", "LANCHAT_TOKEN_IDLE_TIMEOUT", "60s",
            "longest silence between two tokens once a reply streams"),
    PROBE_INTERVAL("--probe-interval", "LANCHAT_PROBE_INTERVAL", "2s", "how often Ollama is checked while it is up"),
    PROBE_MAX_BACKOFF("--probe-max-backoff", "LANCHAT_PROBE_MAX_BACKOFF", "5s",
            "longest wait between checks while Ollama is down (backoff doubles up to this)"),
    PROBE_TIMEOUT("--probe-timeout", "LANCHAT_PROBE_TIMEOUT", "3s", "time allowed for one check"),
    RESUME_GRACE("--resume-grace", "LANCHAT_RESUME_GRACE", "60s",
            "a reply goes on this long after its client disconnected, waiting for it to resume; then it is cancelled"),
    ALLOWED_ORIGINS("--allowed-origins", "LANCHAT_ALLOWED_ORIGINS", "",
            "comma-separated browser origins allowed besides the server's own (e.g. https://chat.lan); * = any"),
    ALLOWED_HOSTS("--allowed-hosts", "LANCHAT_ALLOWED_HOSTS", "",
            "comma-separated host names browsers may reach this server by, besides IP addresses, localhost and the"
                    + " machine's own name (against DNS rebinding); * = any"),
    ACCESS_TOKENS("--access-tokens", "LANCHAT_ACCESS_TOKENS", "",
            "comma-separated user:token[:admin] entries; when set, every WebSocket needs a token"),
    ALLOW_PULL("--allow-pull", "LANCHAT_ALLOW_PULL", "false",
            "without access tokens, let any client pull models into Ollama (with tokens, admin tokens may)"),
    ALLOW_CLOUD_MODELS("--allow-cloud-models", "LANCHAT_ALLOW_CLOUD_MODELS", "false",
            "list and serve Ollama's cloud models (run on ollama.com, so prompts leave the LAN); hidden and refused"
                    + " otherwise"),
    TRUSTED_PROXIES("--trusted-proxies", "LANCHAT_TRUSTED_PROXIES", "",
            "comma-separated IP addresses of reverse proxies whose X-Forwarded-For names the real client"),
    MAX_CONNECTIONS("--max-connections", "LANCHAT_MAX_CONNECTIONS", "19000", "most WebSocket connections in total"),
    MAX_CONNECTIONS_PER_ADDRESS("--max-connections-per-address", "LANCHAT_MAX_CONNECTIONS_PER_ADDRESS", "64",
            "most connections from one IP address"),
    RATE_PER_CONNECTION("--messages-per-minute", "LANCHAT_MESSAGES_PER_MINUTE", "20",
            "chat messages one connection may send per minute"),
    RATE_PER_CLIENT("--client-messages-per-minute", "LANCHAT_CLIENT_MESSAGES_PER_MINUTE", "40",
            "chat messages one client (token, else IP address) may send per minute over all its connections"),
    REQUESTS_PER_CONNECTION("--requests-per-minute", "LANCHAT_REQUESTS_PER_MINUTE", "120",
            "frames of any kind (chat, ping, models, resume, malformed ones...) one connection may send per minute;"
                    + " beyond, one rate_limited error, then silence, then a close with 1008"),
    PING_INTERVAL("--ping-interval", "LANCHAT_PING_INTERVAL", "30s",
            "ping a connection the client has sent nothing on for this long (also while a reply streams); one silent for three intervals is closed"),
    REQUEST_TIMEOUT("--request-timeout", "LANCHAT_REQUEST_TIMEOUT", "10s",
            "a connection must send a complete HTTP request or WebSocket upgrade this soon after connecting, or"
                    + " after its previous answer; else it is closed"),
    TRANSPORT("--transport", "LANCHAT_TRANSPORT", "auto",
            "network I/O: auto (Linux epoll where it loads, else Java NIO), epoll, io_uring, or nio"),
    SHUTDOWN_GRACE("--shutdown-grace", "LANCHAT_SHUTDOWN_GRACE", "10s",
            "on SIGTERM, time replies in flight get to finish before they are cancelled"),
    MAX_REPLY_CHARS("--max-reply-chars", "LANCHAT_MAX_REPLY_CHARS", "100000",
            "longest reply kept; a reply reaching it is stopped and ends with doneReason \"length\""),
    CLIENT_STALL_TIMEOUT("--client-stall-timeout", "LANCHAT_CLIENT_STALL_TIMEOUT", "60s",
            "close a connection that takes nothing the server sends for this long (its reply is kept for a resume)"),
    OPTION_RANGES("--option-ranges", "LANCHAT_OPTION_RANGES", "",
            "widen or add the Ollama options clients may set, e.g. num_ctx=2048..16384,temperature=0..1.5"),
    API_PORT("--api-port", "LANCHAT_API_PORT", "",
            "port for Ollama's HTTP API (/api/chat, /api/tags, ...) through this server's queue; none when unset"),
    API_MAX_WAIT("--api-max-wait", "LANCHAT_API_MAX_WAIT", "30s",
            "longest an API request waits in the queue; beyond, 503 with Retry-After (0 = never wait)"),
    API_MAX_BODY_BYTES("--api-max-body-bytes", "LANCHAT_API_MAX_BODY_BYTES", "16777216",
            "largest API request body (images included); larger ones get 413"),
    MAX_ATTACHMENT_BYTES("--max-attachment-bytes", "LANCHAT_MAX_ATTACHMENT_BYTES", "20971520",
            "largest image or text file uploaded to /attachments; larger ones get 413"),
    MAX_IMAGES_PER_MESSAGE("--max-images-per-message", "LANCHAT_MAX_IMAGES_PER_MESSAGE", "4",
            "most images one chat message may carry"),
    MAX_PENDING_ATTACHMENT_BYTES("--max-pending-attachment-bytes", "LANCHAT_MAX_PENDING_ATTACHMENT_BYTES",
            "67108864", "most bytes of uploads one user may hold before a message carries them; beyond, 429"),
    ATTACHMENT_MEMORY_BYTES("--attachment-memory-bytes", "LANCHAT_ATTACHMENT_MEMORY_BYTES", "268435456",
            "most bytes of attachments held in memory over all users"),
    MAX_IMAGE_EDGE("--max-image-edge", "LANCHAT_MAX_IMAGE_EDGE", "1536",
            "images are scaled down to this longest edge (pixels) before they go to the model"),
    MAX_IMAGE_PIXELS("--max-image-pixels", "LANCHAT_MAX_IMAGE_PIXELS", "100000000",
            "largest image accepted, in pixels (width times height), checked before decoding");

    private final String flag;
    private final String env;
    private final String defaultValue;
    private final String help;

    Option(String flag, String env, String defaultValue, String help) {
        this.flag = flag;
        this.env = env;
        this.defaultValue = defaultValue;
        this.help = help;
    }

    public String flag() {
        return flag;
    }

    public String env() {
        return env;
    }

    public String defaultValue() {
        return defaultValue;
    }

    public String help() {
        return help;
    }
}
