/**
 * {@code bfs daemon}: one master or chunkserver run in the background with a pid file and a log,
 * for hosts without systemd (containers, CI), and the process handling {@code bfs local} shares.
 */
package io.bigfs.shell.daemon;
