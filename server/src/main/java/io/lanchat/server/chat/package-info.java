/**
 * The conversation logic of one connection, free of Netty's pipeline: turning chat, retry, cancel and reset
 * requests into Ollama streams and session updates, and Ollama's answers into protocol frames.
 */
package io.lanchat.server.chat;
