/** The bfs command line: file commands, admin commands, the interactive shell and the local cluster. */
package io.bigfs.shell;
