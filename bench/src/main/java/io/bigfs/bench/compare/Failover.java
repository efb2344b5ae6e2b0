package io.bigfs.bench.compare;

/** Time from killing the metadata leader to the first mkdir that succeeds afterwards, over several kills. */
final class Failover {
  private Failover() {}

  /**
   * Milliseconds of each of {@code kills} kills, in order; none if the system has no standby to
   * fail over to. One kill is one draw of the election timeout (a follower waits 1-2 s, at
   * random, before it stands; a split vote costs another wait): 48 kills on one machine took
   * 1.4-3.0 s, so the table shows the median of several.
   */
  static double[] run(SystemUnderTest system, String dir, int kills) throws Exception {
    double[] ms = new double[kills];
    try (SystemUnderTest.Session s = system.session()) {
      for (int i = 0; i < kills; i++) {
        s.mkdirs(dir + "/before-" + i);
        long start = System.nanoTime();
        if (!system.killLeader()) {
          return new double[0];
        }
        s.mkdirs(dir + "/after-" + i);
        ms[i] = (System.nanoTime() - start) / 1e6;
        system.restoreLeader();  // back and caught up: the next kill starts from three in step
      }
      s.delete(dir, true);
    }
    return ms;
  }
}
