package cn.beijing.carboninclusion.common;

import java.lang.reflect.Field;

/**
 * Reads and writes what an engine command carries in its fields — the platform's command interceptors (the task door,
 * the security audit, the account rules) look into commands the engine gives no accessor for. The engine line is
 * fixed at 7.24; a field that moves fails loudly, naming the command, and the interceptors' tests catch it.
 */
public final class EngineCommandFields {
  private EngineCommandFields() {
  }

  @SuppressWarnings("unchecked")
  public static <T> T get(Object target, String name) {
    try {
      return (T) find(target, name).get(target);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    }
  }

  public static void set(Object target, String name, Object value) {
    try {
      find(target, name).set(target, value);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Field find(Object target, String name) {
    for (Class<?> type = target.getClass(); type != null; type = type.getSuperclass()) {
      try {
        Field field = type.getDeclaredField(name);
        field.setAccessible(true);
        return field;
      } catch (NoSuchFieldException e) {
        // up one level
      }
    }
    throw new IllegalStateException("engine command " + target.getClass().getName() + " has no field " + name
        + ": the platform's command interceptors no longer match this engine version");
  }
}
