// A browser shows a script only "the WebSocket failed" (code 1006), whether the server is down or refused the
// upgrade (401 no or wrong access token, 403 origin, 429 too many connections, 503 full). Plain HTTP tells the
// first case from the others: GET /healthz answers whenever the server runs, and needs no token.

/** Resolves to 'up' when the server answers over HTTP, else 'down'. */
export async function probeServer(timeoutMs = 4000) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    const response = await fetch('/healthz', { cache: 'no-store', signal: controller.signal });
    return response.ok ? 'up' : 'down';
  } catch {
    return 'down';
  } finally {
    clearTimeout(timer);
  }
}
