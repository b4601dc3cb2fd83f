/**
 * The browser page and its assets (the page's own files and the vendored web jars), read from the classpath once
 * at start-up and served with content types, gzip, ETags and cache headers.
 */
package io.lanchat.server.page;
