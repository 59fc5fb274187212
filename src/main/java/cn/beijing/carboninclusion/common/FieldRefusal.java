package cn.beijing.carboninclusion.common;

import java.util.Map;

/** A refusal of a client's input that names each field and the rule it broke (400, RFC 9457 {@code errors}). */
public interface FieldRefusal {
  Map<String, String> errors();
}
