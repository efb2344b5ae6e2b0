/** Identity of callers: the seam between authentication and permission checks. */
package io.bigfs.common.security;
