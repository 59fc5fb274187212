package cn.beijing.carboninclusion.common;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Type;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.http.converter.json.MappingJackson2HttpMessageConverter;
import org.springframework.lang.NonNull;
import org.springframework.stereotype.Component;

/**
 * Reads JSON bodies (and JSON parts of multipart bodies) as RFC 8259 has JSON exchanged: UTF-8, strictly. Jackson
 * decodes UTF-8 leniently — the overlong form {@code C0 AF} reads as {@code /}, an encoded surrogate as half a
 * character — so the bytes are first decoded by a decoder that refuses malformed input: 400 naming {@code body}
 * ({@link ApiExceptionHandler}). A {@code charset} parameter is ignored, as RFC 8259 says (JSON defines none): the
 * body is read as the UTF-8 it is. Replaces Spring Boot's JSON converter; writing is unchanged.
 */
@Component
public class StrictUtf8Json extends MappingJackson2HttpMessageConverter {

  public StrictUtf8Json(ObjectMapper json) {
    super(json);
  }

  @Override
  public Object read(@NonNull Type type, Class<?> contextClass, @NonNull HttpInputMessage input)
      throws IOException, HttpMessageNotReadableException {
    return super.read(type, contextClass, strict(input));
  }

  @Override
  protected Object readInternal(@NonNull Class<?> type, @NonNull HttpInputMessage input)
      throws IOException, HttpMessageNotReadableException {
    return super.readInternal(type, strict(input));
  }

  private static HttpInputMessage strict(HttpInputMessage input) throws IOException {
    byte[] bytes = input.getBody().readAllBytes();
    try {
      StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
    } catch (CharacterCodingException e) {
      throw new HttpMessageNotReadableException("the body is not UTF-8", e, input);
    }
    HttpHeaders headers = new HttpHeaders();
    headers.putAll(input.getHeaders());
    MediaType type = headers.getContentType();
    if (type != null && type.getCharset() != null) {
      headers.setContentType(new MediaType(type.getType(), type.getSubtype()));
    }
    return new HttpInputMessage() {
      @Override
      public @NonNull InputStream getBody() {
        return new ByteArrayInputStream(bytes);
      }

      @Override
      public @NonNull HttpHeaders getHeaders() {
        return headers;
      }
    };
  }
}
