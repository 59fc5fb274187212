package cn.beijing.carboninclusion.common;

/**
 * The {@code Idempotency-Key} request header of the platform's writes that a client may have to send again (it lost
 * the answer: a timeout, a node that died mid-request): filing a project or a reduction application, a transfer, a
 * retirement. The same key a second time is refused with 409 naming what the first request made, so a retry never
 * files or moves anything twice; a unique index per project or account holds it against two concurrent retries.
 */
public final class IdempotencyKeys {
  public static final String HEADER = "Idempotency-Key";
  static final int MAX_LENGTH = 100;

  private IdempotencyKeys() {}

  /** The header's value, or null when absent; a blank or too long one is a 400 naming the header. */
  public static String validated(String key) {
    if (key != null && (key.isBlank() || key.length() > MAX_LENGTH)) {
      throw new InvalidInputException(HEADER, "须为 1 至 " + MAX_LENGTH + " 个字符 (1 to " + MAX_LENGTH + " characters)");
    }
    return key;
  }

  /** The answer to a repeated key: what the first request made, by kind and id. */
  public static Repeated repeated(String key, String made, Object id) {
    return new Repeated(key, made, id);
  }

  /**
   * A key used before: a 409 whose problem names what the first request made ({@code existing}, {@code existingId}),
   * so a client that lost the first answer carries on with it.
   */
  public static final class Repeated extends ConflictException {
    private final String made;
    private final transient Object id;

    Repeated(String key, String made, Object id) {
      super("该请求已处理（Idempotency-Key 重复）(already done: " + made + " " + id + "): " + key);
      this.made = made;
      this.id = id;
    }

    public String made() { return made; }

    public Object id() { return id; }
  }
}
