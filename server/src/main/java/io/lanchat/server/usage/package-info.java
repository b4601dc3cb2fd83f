/**
 * Who used the GPUs how much, through either door (the page's chats and the API port): requests, prompt and
 * generated tokens, queue wait and generation time per user and model, in {@code /metrics} (bounded label sets)
 * and in a bounded table read by the API's {@code GET /api/usage}. Prompts are never recorded.
 */
package io.lanchat.server.usage;
