/** How the shell prints: aligned tables, sizes, modes and times, JSON documents, progress bars. */
package io.bigfs.shell.output;
