package io.bigfs.master.access;

import java.nio.file.Path;

/**
 * How a master checks permissions, from its configuration (keys in {@code MasterConfig}).
 *
 * @param enabled    false lets every request through, as HDFS's dfs.permissions.enabled=false
 * @param superuser  passes every check; owns the root directory of a new cluster
 * @param supergroup its members are superusers too
 * @param groupsFile users' groups, one "user = group, group" a line; null: users are in no group
 * @param auditLog   the file the audit log is appended to
 */
public record PermissionConfig(boolean enabled, String superuser, String supergroup, Path groupsFile,
                               Path auditLog) {}
