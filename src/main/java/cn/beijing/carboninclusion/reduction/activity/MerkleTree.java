package cn.beijing.carboninclusion.reduction.activity;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;

/**
 * The participants' Merkle tree (RFC 6962/9162 construction, SHA-256; docs/participants.md byte by byte):
 * {@code leaf = SHA-256(0x00 ‖ pseudonym (32 bytes) ‖ credited µt (int64 BE) ‖ paid fen (int64 BE))},
 * {@code node = SHA-256(0x01 ‖ left ‖ right)}, leaves in pseudonym order; built level by level with an odd last node
 * promoted, which is the same tree as RFC 6962's split at the largest power of two. {@link Builder} takes the leaves
 * as a stream and holds at most one hash per level.
 */
final class MerkleTree {
  static final int LEAF_BYTES = 1 + 32 + 8 + 8;

  private MerkleTree() {}

  /** The canonical leaf bytes: 0x00, the pseudonym's 32 bytes, credited tCO2e × 10⁶ and paid yuan × 100 (int64 BE). */
  static byte[] leafBytes(String pseudonym, BigDecimal creditedTco2e, BigDecimal paidYuan) {
    byte[] id = HexFormat.of().parseHex(pseudonym);
    if (id.length != 32) {
      throw new IllegalArgumentException("a pseudonym is 64 hex digits");
    }
    return ByteBuffer.allocate(LEAF_BYTES).put((byte) 0).put(id)
        .putLong(creditedTco2e.movePointRight(6).longValueExact())
        .putLong(paidYuan.movePointRight(2).longValueExact()).array();
  }

  static byte[] leafHash(String pseudonym, BigDecimal creditedTco2e, BigDecimal paidYuan) {
    return sha256().digest(leafBytes(pseudonym, creditedTco2e, paidYuan));
  }

  static byte[] node(byte[] left, byte[] right) {
    MessageDigest sha = sha256();
    sha.update((byte) 1);
    sha.update(left);
    sha.update(right);
    return sha.digest();
  }

  /** The root of a stream of leaf hashes: a stack of at most log₂(n) + 1 subtree hashes. */
  static final class Builder {
    private final Deque<byte[]> hashes = new ArrayDeque<>();
    private final Deque<Integer> sizes = new ArrayDeque<>();
    private long count;

    void add(byte[] leafHash) {
      byte[] hash = leafHash;
      int size = 1;
      while (!sizes.isEmpty() && sizes.peek() == size) {
        hash = node(hashes.pop(), hash);
        size += sizes.pop();
      }
      hashes.push(hash);
      sizes.push(size);
      count++;
    }

    long count() {
      return count;
    }

    /** The root; of no leaf, SHA-256 of the empty string (RFC 6962). */
    byte[] root() {
      if (hashes.isEmpty()) {
        return sha256().digest();
      }
      byte[] right = null;
      for (byte[] hash : hashes) {  // top of the stack (the rightmost, smallest subtree) first
        right = right == null ? hash : node(hash, right);
      }
      return right;
    }
  }

  /**
   * The subtree ranges whose hashes make the audit path of leaf {@code index} in a tree of {@code size} leaves
   * (RFC 9162 §2.1.3.1), in the path's order (nearest the leaf first). Each range is {start, end exclusive}.
   */
  static List<long[]> pathRanges(long index, long size) {
    List<long[]> ranges = new ArrayList<>();
    collect(index, 0, size, ranges);
    return ranges;
  }

  private static void collect(long m, long start, long end, List<long[]> out) {
    long n = end - start;
    if (n <= 1) {
      return;
    }
    long k = Long.highestOneBit(n - 1);
    if (m - start < k) {
      collect(m, start, start + k, out);
      out.add(new long[] {start + k, end});
    } else {
      collect(m, start + k, end, out);
      out.add(new long[] {start, start + k});
    }
  }

  /** RFC 9162 §2.1.3.2: whether {@code path} proves leaf {@code index} of {@code size} under {@code root}. */
  static boolean verify(byte[] leafHash, long index, long size, List<byte[]> path, byte[] root) {
    if (index < 0 || index >= size) {
      return false;
    }
    long fn = index;
    long sn = size - 1;
    byte[] r = leafHash;
    for (byte[] p : path) {
      if (sn == 0) {
        return false;
      }
      if ((fn & 1) == 1 || fn == sn) {
        r = node(p, r);
        if ((fn & 1) == 0) {
          while ((fn & 1) == 0 && fn != 0) {
            fn >>= 1;
            sn >>= 1;
          }
        }
      } else {
        r = node(r, p);
      }
      fn >>= 1;
      sn >>= 1;
    }
    return sn == 0 && Arrays.equals(r, root);
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
