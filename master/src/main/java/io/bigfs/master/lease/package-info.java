/** The leader's watch over write leases: clients that stop renewing lose their files' leases. */
package io.bigfs.master.lease;
