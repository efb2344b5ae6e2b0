/** Commands about the cluster rather than files: admin nodes and masters, df, fsck. */
package io.bigfs.shell.admin;
