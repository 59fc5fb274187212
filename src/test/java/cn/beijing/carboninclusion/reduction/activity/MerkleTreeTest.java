package cn.beijing.carboninclusion.reduction.activity;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Merkle construction without a database: streamed root = recursive RFC 6962 root; every proof verifies. */
class MerkleTreeTest {

  @Test
  void theStreamedRootIsTheRfc6962RootAndEveryProofVerifiesForEverySize() {
    for (int n = 1; n <= 40; n++) {
      List<byte[]> leaves = new ArrayList<>();
      MerkleTree.Builder builder = new MerkleTree.Builder();
      for (int i = 0; i < n; i++) {
        byte[] leaf = MerkleTree.leafHash("%064x".formatted(i), new BigDecimal("0.000001").multiply(
            BigDecimal.valueOf(i)), BigDecimal.valueOf(i, 2));
        leaves.add(leaf);
        builder.add(leaf);
      }
      byte[] root = builder.root();
      assertThat(root).isEqualTo(mth(leaves, 0, n));
      for (int m = 0; m < n; m++) {
        List<byte[]> path = new ArrayList<>();
        for (long[] r : MerkleTree.pathRanges(m, n)) {
          path.add(mth(leaves, (int) r[0], (int) r[1]));
        }
        assertThat(MerkleTree.verify(leaves.get(m), m, n, path, root)).as("n=%d m=%d", n, m).isTrue();
        byte[] other = MerkleTree.leafHash("%064x".formatted(m), BigDecimal.ZERO, BigDecimal.ONE);
        assertThat(MerkleTree.verify(other, m, n, path, root)).isFalse();
        if (n > 1) {
          assertThat(MerkleTree.verify(leaves.get(m), (m + 1) % n, n, path, root)).isFalse();
        }
      }
    }
  }

  @Test
  void theLeafBytesAreCanonical() {
    byte[] bytes = MerkleTree.leafBytes("ab".repeat(32), new BigDecimal("1.5"), new BigDecimal("12.30"));
    assertThat(HexFormat.of().formatHex(bytes)).isEqualTo("00" + "ab".repeat(32) + "000000000016e360"
        + "00000000000004ce");
  }

  /** RFC 6962 §2.1 MTH, recursively. */
  private static byte[] mth(List<byte[]> leaves, int start, int end) {
    int n = end - start;
    if (n == 1) {
      return leaves.get(start);
    }
    int k = Integer.highestOneBit(n - 1);
    return MerkleTree.node(mth(leaves, start, start + k), mth(leaves, start + k, end));
  }
}
