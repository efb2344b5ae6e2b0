/** {@code bfs shell}: an interactive session over one client, with history, completion, cd and pwd. */
package io.bigfs.shell.interactive;
