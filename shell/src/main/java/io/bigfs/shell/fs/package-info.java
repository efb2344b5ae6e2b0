/** The file commands (ls, put, get, cp, rm, ...), one class each, and the copy engine they share. */
package io.bigfs.shell.fs;
