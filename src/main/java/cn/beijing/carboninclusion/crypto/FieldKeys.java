package cn.beijing.carboninclusion.crypto;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The key ring of the SM4 field encryption: 128-bit keys by id, and the id of the key new ciphertexts use. Older keys
 * stay on the ring to read what they encrypted until {@code FieldKeyRotation} has re-encrypted it under the current
 * key. A key id is 1–32 letters, digits, {@code -} or {@code _} (it is written into every ciphertext).
 */
public final class FieldKeys {
  static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9_-]{1,32}");

  private final String currentId;
  private final Map<String, byte[]> keys;

  public FieldKeys(String currentId, Map<String, byte[]> keys) {
    if (currentId == null || !KEY_ID.matcher(currentId).matches()) {
      throw new IllegalArgumentException("field key id must be 1-32 of [A-Za-z0-9_-], was " + currentId);
    }
    Map<String, byte[]> copy = new LinkedHashMap<>();
    keys.forEach((id, key) -> {
      if (!KEY_ID.matcher(id).matches()) {
        throw new IllegalArgumentException("field key id must be 1-32 of [A-Za-z0-9_-], was " + id);
      }
      if (key == null || key.length != 16) {
        throw new IllegalArgumentException("field key " + id + " must be 16 bytes (SM4-128), was "
            + (key == null ? "missing" : key.length + " bytes"));
      }
      copy.put(id, key.clone());
    });
    if (!copy.containsKey(currentId)) {
      throw new IllegalArgumentException("the current field key " + currentId + " is not on the key ring");
    }
    this.currentId = currentId;
    this.keys = Collections.unmodifiableMap(copy);
  }

  public String currentId() {
    return currentId;
  }

  byte[] current() {
    return keys.get(currentId);
  }

  /** The key with this id, or null when the ring does not hold it. */
  byte[] key(String id) {
    return keys.get(id);
  }

  public boolean holds(String id) {
    return keys.containsKey(id);
  }

  @Override
  public String toString() {
    return "FieldKeys[current=" + currentId + ", ids=" + keys.keySet() + "]";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FieldKeys other && currentId.equals(other.currentId) && keys.size() == other.keys.size()
        && keys.entrySet().stream().allMatch(e -> Arrays.equals(e.getValue(), other.keys.get(e.getKey())));
  }

  @Override
  public int hashCode() {
    return currentId.hashCode();
  }
}
