package io.bigfs.hadoop.contract;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.contract.AbstractContractVectoredReadTest;
import org.apache.hadoop.fs.contract.AbstractFSContract;
import org.junit.runners.Parameterized;

import java.util.List;

/** Hadoop's vectored read contract against BigFS (Hadoop's own vectored reads over our positional reads). */
public class ContractVectoredReadTest extends AbstractContractVectoredReadTest {
  public ContractVectoredReadTest(String bufferType) {
    super(bufferType);
  }

  /**
   * Heap buffers only: for direct buffers Hadoop reads into a heap array through the same
   * positional reads and copies, so the second run would test Hadoop's copy, not BigFS, at twice the time.
   */
  @Parameterized.Parameters(name = "Buffer type : {0}")
  public static List<String> params() {
    return List.of("array");
  }

  @Override
  protected AbstractFSContract createContract(Configuration conf) {
    return new BfsContract(conf);
  }
}
