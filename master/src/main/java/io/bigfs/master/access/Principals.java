package io.bigfs.master.access;

import io.bigfs.common.BfsException;
import io.bigfs.common.security.Caller;
import io.bigfs.master.namespace.Limits;
import io.bigfs.proto.Principal;

import java.util.List;

/**
 * Turns the user a request names into the principal it acts as: the user from {@link Caller}
 * (the authenticated one when the call carried a token), its groups from the master's mapping,
 * and whether it is a superuser. Call it on the gRPC thread, where the call's context is.
 */
public final class Principals {
  private final PermissionConfig config;
  private final GroupMapping groups;

  public Principals(PermissionConfig config, GroupMapping groups) {
    this.config = config;
    this.groups = groups;
  }

  public Principal resolve(String declaredUser) throws BfsException {
    String user = Limits.principal("user", Caller.user(declaredUser));
    List<String> memberOf = groups.groupsOf(user);
    return Principal.newBuilder()
        .setUser(user)
        .addAllGroups(memberOf)
        .setSuperuser(user.equals(config.superuser()) || memberOf.contains(config.supergroup()))
        .setCheckPermissions(config.enabled())
        .build();
  }
}
