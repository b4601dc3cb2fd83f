/**
 * Images and text files a user attaches to a chat message: uploaded over HTTP on the page's own port
 * ({@code POST /attachments}), checked, decoded and scaled down off the event loop, held per owner bounded by
 * bytes until a chat message names them, and served back for display ({@code GET /attachments/ID}).
 */
package io.lanchat.server.attach;
