package cn.beijing.carboninclusion.decision;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * A form field's {@code conditional.hide} in the part of FEEL the server evaluates itself, with FEEL's own meaning
 * (the same expression Tasklist's form-js evaluates to show or hide the field): comparisons ({@code =}, {@code !=},
 * {@code <}, {@code <=}, {@code >}, {@code >=}) of variables, numbers, strings, {@code true}, {@code false} and
 * {@code null}, joined by {@code and} / {@code or}, {@code not(…)} and parentheses, e.g.
 * {@code =recomputeLimitTco2e != null and (verifiedTco2e = null or verifiedTco2e <= recomputeLimitTco2e)}.
 * <p>
 * FEEL's three-valued logic: a comparison with {@code null} (other than {@code = null} / {@code != null}) is null,
 * {@code false and null} is false, {@code true or null} is true; a field is hidden only when the expression is
 * {@code true}. Anything else does not parse ({@link Unsupported}), and a form carrying it is refused at deployment.
 */
final class FormCondition {
  private final String source;
  private final Node root;
  private final Set<String> variables;

  private FormCondition(String source, Node root, Set<String> variables) {
    this.source = source;
    this.root = root;
    this.variables = variables;
  }

  /** An expression outside the supported part of FEEL. */
  static final class Unsupported extends RuntimeException {
    Unsupported(String message) {
      super(message);
    }
  }

  /** Parses {@code =expression}; {@link Unsupported} says what the server cannot evaluate. */
  static FormCondition parse(String text) {
    String trimmed = text == null ? "" : text.trim();
    if (!trimmed.startsWith("=")) {
      throw new Unsupported("not a FEEL expression (must start with '='): " + text);
    }
    Parser parser = new Parser(tokens(trimmed.substring(1)));
    Node root = parser.or();
    if (parser.position != parser.tokens.size()) {
      throw new Unsupported("unexpected '" + parser.tokens.get(parser.position).text + "' in " + text);
    }
    return new FormCondition(trimmed, root, parser.variables);
  }

  /** The variables the expression reads. */
  Set<String> variables() {
    return variables;
  }

  String source() {
    return source;
  }

  /** True only when the expression evaluates to {@code true} (FEEL: null and false do not hide). */
  boolean holds(Function<String, Object> lookup) {
    return Boolean.TRUE.equals(root.eval(lookup));
  }

  // ---- evaluation ------------------------------------------------------------------------------------------

  private interface Node {
    Object eval(Function<String, Object> lookup);
  }

  private record Literal(Object value) implements Node {
    public Object eval(Function<String, Object> lookup) {
      return value;
    }
  }

  private record Variable(String name) implements Node {
    public Object eval(Function<String, Object> lookup) {
      Object value = lookup.apply(name);
      return value instanceof String text && text.isBlank() ? null : value;
    }
  }

  private record Not(Node operand) implements Node {
    public Object eval(Function<String, Object> lookup) {
      Object value = operand.eval(lookup);
      return value instanceof Boolean b ? !b : null;
    }
  }

  private record Junction(boolean and, List<Node> operands) implements Node {
    public Object eval(Function<String, Object> lookup) {
      boolean unknown = false;
      for (Node operand : operands) {
        Object value = operand.eval(lookup);
        if (value instanceof Boolean b) {
          if (b != and) {
            return b; // false decides an and, true decides an or
          }
        } else {
          unknown = true;
        }
      }
      return unknown ? null : and;
    }
  }

  private record Comparison(Node left, String op, Node right) implements Node {
    public Object eval(Function<String, Object> lookup) {
      Object a = left.eval(lookup);
      Object b = right.eval(lookup);
      if (a == null || b == null) {
        return switch (op) {
          case "=" -> a == null && b == null;
          case "!=" -> !(a == null && b == null);
          default -> null;
        };
      }
      Integer order = order(a, b);
      if (order == null) {
        return switch (op) {
          case "=" -> false;
          case "!=" -> true;
          default -> null;
        };
      }
      return switch (op) {
        case "=" -> order == 0;
        case "!=" -> order != 0;
        case "<" -> order < 0;
        case "<=" -> order <= 0;
        case ">" -> order > 0;
        default -> order >= 0;
      };
    }

    private static Integer order(Object a, Object b) {
      if (a instanceof Number || b instanceof Number) {
        BigDecimal x = FormContract.number(a);
        BigDecimal y = FormContract.number(b);
        return x == null || y == null ? null : x.compareTo(y);
      }
      if (a instanceof Boolean x && b instanceof Boolean y) {
        return x.equals(y) ? 0 : null;
      }
      if (a instanceof String x && b instanceof String y) {
        return Integer.signum(x.compareTo(y));
      }
      return null;
    }
  }

  // ---- parsing ---------------------------------------------------------------------------------------------

  private record Token(String kind, String text) {}

  private static List<Token> tokens(String text) {
    List<Token> tokens = new ArrayList<>();
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '(' || c == ')') {
        tokens.add(new Token(String.valueOf(c), String.valueOf(c)));
        i++;
      } else if (c == '!' || c == '<' || c == '>' || c == '=') {
        int end = i + 1 < text.length() && text.charAt(i + 1) == '=' && c != '=' ? i + 2 : i + 1;
        String op = text.substring(i, end);
        if (op.equals("!")) {
          throw new Unsupported("'!' without '=' in " + text);
        }
        tokens.add(new Token("op", op));
        i = end;
      } else if (c == '"') {
        int end = text.indexOf('"', i + 1);
        if (end < 0) {
          throw new Unsupported("unterminated string in " + text);
        }
        String value = text.substring(i + 1, end);
        if (value.indexOf('\\') >= 0) {
          throw new Unsupported("escapes in strings are not supported: " + text);
        }
        tokens.add(new Token("string", value));
        i = end + 1;
      } else if (Character.isDigit(c) || c == '-' && i + 1 < text.length() && Character.isDigit(text.charAt(i + 1))) {
        int end = i + 1;
        while (end < text.length() && (Character.isDigit(text.charAt(end)) || text.charAt(end) == '.')) {
          end++;
        }
        tokens.add(new Token("number", text.substring(i, end)));
        i = end;
      } else if (Character.isLetter(c) || c == '_') {
        int end = i + 1;
        while (end < text.length() && (Character.isLetterOrDigit(text.charAt(end)) || text.charAt(end) == '_')) {
          end++;
        }
        String word = text.substring(i, end);
        tokens.add(new Token(switch (word) {
          case "and", "or", "not", "null", "true", "false" -> word;
          default -> "name";
        }, word));
        i = end;
      } else {
        throw new Unsupported("'" + c + "' is not supported in " + text);
      }
    }
    return tokens;
  }

  private static final class Parser {
    final List<Token> tokens;
    final Set<String> variables = new LinkedHashSet<>();
    int position;

    Parser(List<Token> tokens) {
      this.tokens = tokens;
    }

    Node or() {
      List<Node> operands = new ArrayList<>(List.of(and()));
      while (accept("or")) {
        operands.add(and());
      }
      return operands.size() == 1 ? operands.get(0) : new Junction(false, operands);
    }

    Node and() {
      List<Node> operands = new ArrayList<>(List.of(unary()));
      while (accept("and")) {
        operands.add(unary());
      }
      return operands.size() == 1 ? operands.get(0) : new Junction(true, operands);
    }

    Node unary() {
      if (accept("not")) {
        expect("(");
        Node inner = or();
        expect(")");
        return new Not(inner);
      }
      if (accept("(")) {
        Node inner = or();
        expect(")");
        return inner;
      }
      Node left = operand();
      if (position < tokens.size() && tokens.get(position).kind().equals("op")) {
        String op = tokens.get(position++).text();
        return new Comparison(left, op, operand());
      }
      return left;
    }

    Node operand() {
      if (position >= tokens.size()) {
        throw new Unsupported("expression ends too early");
      }
      Token token = tokens.get(position++);
      return switch (token.kind()) {
        case "name" -> {
          variables.add(token.text());
          yield new Variable(token.text());
        }
        case "number" -> {
          try {
            yield new Literal(new BigDecimal(token.text()));
          } catch (NumberFormatException e) {
            throw new Unsupported("not a number: " + token.text());
          }
        }
        case "string" -> new Literal(token.text());
        case "null" -> new Literal(null);
        case "true" -> new Literal(Boolean.TRUE);
        case "false" -> new Literal(Boolean.FALSE);
        default -> throw new Unsupported("unexpected '" + token.text() + "'");
      };
    }

    boolean accept(String kind) {
      if (position < tokens.size() && tokens.get(position).kind().equals(kind)) {
        position++;
        return true;
      }
      return false;
    }

    void expect(String kind) {
      if (!accept(kind)) {
        throw new Unsupported("'" + kind + "' expected");
      }
    }
  }
}
