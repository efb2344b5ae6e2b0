package io.bigfs.bench.compare;

/** Time from killing the metadata leader to the first mkdir that succeeds afterwards. */
final class Failover {
  private Failover() {}

  /** Milliseconds, or NaN if the system has no standby to fail over to. */
  static double run(SystemUnderTest system, String dir) throws Exception {
    try (SystemUnderTest.Session s = system.session()) {
      s.mkdirs(dir + "/before");
      long start = System.nanoTime();
      if (!system.killLeader()) {
        return Double.NaN;
      }
      s.mkdirs(dir + "/after");
      double ms = (System.nanoTime() - start) / 1e6;
      system.restoreLeader();
      s.delete(dir, true);
      return ms;
    }
  }
}
