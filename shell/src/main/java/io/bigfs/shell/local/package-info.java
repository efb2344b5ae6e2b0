/**
 * {@code bfs local}: a real cluster of separate processes on 127.0.0.1 for a laptop, with its
 * configuration, ports, logs, pid files and data in one directory (default .bfs-local).
 */
package io.bigfs.shell.local;
