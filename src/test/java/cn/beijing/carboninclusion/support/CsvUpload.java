package cn.beijing.carboninclusion.support;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * A CSV upload as a browser or a script sends it: {@code multipart/form-data} with the file in the part {@code file}
 * ({@code text/csv; charset=UTF-8}, named {@code filename}) and each other field as a {@code text/plain} part.
 */
public final class CsvUpload {

  /** The request body of an upload of {@code csv} with no other field. */
  public static HttpEntity<MultiValueMap<String, Object>> of(String filename, String csv) {
    return of(filename, csv, Map.of());
  }

  /** The request body of an upload of {@code csv} with the text fields, in the map's order. */
  public static HttpEntity<MultiValueMap<String, Object>> of(String filename, String csv, Map<String, String> fields) {
    HttpHeaders fileHeaders = new HttpHeaders();
    fileHeaders.setContentType(new MediaType("text", "csv", StandardCharsets.UTF_8));
    MultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
    parts.add("file", new HttpEntity<>(new ByteArrayResource(csv.getBytes(StandardCharsets.UTF_8)) {
      @Override
      public String getFilename() {
        return filename;
      }
    }, fileHeaders));
    HttpHeaders text = new HttpHeaders();
    text.setContentType(new MediaType("text", "plain", StandardCharsets.UTF_8));
    fields.forEach((name, value) -> parts.add(name, new HttpEntity<>(value, text)));
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.MULTIPART_FORM_DATA);
    return new HttpEntity<>(parts, headers);
  }

  private CsvUpload() {}
}
