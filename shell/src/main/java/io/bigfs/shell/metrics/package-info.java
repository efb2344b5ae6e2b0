/** The cluster seen through its /metrics pages: the scrape targets file and the live view of bfs admin top. */
package io.bigfs.shell.metrics;
