/** {@code bfs cache}: what the local cache of files read holds, and emptying it. */
package io.bigfs.shell.cache;
