/** Who may do what on a master (the caller's user, groups, superuser), and the audit log of what was done. */
package io.bigfs.master.access;
