/** What clients and servers share: typed errors and their wire status, paths, ids, lifecycle. */
package io.bigfs.common;
