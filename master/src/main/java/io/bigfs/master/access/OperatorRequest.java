package io.bigfs.master.access;

import io.bigfs.common.BfsException;
import io.bigfs.common.Statuses;
import io.bigfs.proto.Principal;
import io.bigfs.proto.Status;
import io.bigfs.proto.StatusCode;

/**
 * An operator's change (decommission, rebalance, snapshot): who asks, from where, on what, and
 * whether they may. It is the superuser's (anyone's, with permissions off); a refusal is audited
 * at once, the outcome of the rest by {@link #audit} once known.
 *
 * @param refusal the status to answer with, or null when the request may go ahead
 */
public record OperatorRequest(AuditLog log, String user, String address, String op, String subject, Status refusal) {

  /** Checks {@code declaredUser} for {@code op} on {@code subject}; call it on the gRPC thread. */
  public static OperatorRequest check(Principals principals, AuditLog log, String declaredUser, String op,
                                      String subject) {
    String address = RemoteAddress.current();
    OperatorRequest request;
    try {
      Principal who = principals.resolve(declaredUser);
      if (!who.getCheckPermissions() || who.getSuperuser()) {
        return new OperatorRequest(log, who.getUser(), address, op, subject, null);
      }
      request = new OperatorRequest(log, who.getUser(), address, op, subject, Statuses.of(
          StatusCode.PERMISSION_DENIED, "permission denied: user=" + who.getUser() + ", access=SUPERUSER, op=" + op
              + ": only the superuser (master.superuser or a member of security.supergroup) may"));
    } catch (BfsException e) {
      request = new OperatorRequest(log, declaredUser, address, op, subject, Statuses.of(e));
    }
    request.audit(request.refusal());
    return request;
  }

  public void audit(Status result) {
    log.admin(user, address, op, subject, result.getCode());
  }
}
