package cn.beijing.carboninclusion.portal;

import java.util.List;
import org.springframework.data.domain.Page;

/** One page of a portal list, as the JSON format returns it ({@code page} counts from 1). */
record Paged<T>(List<T> items, int page, int size, long totalItems, int totalPages) {
  static final int DEFAULT_SIZE = 20;
  static final int MAX_SIZE = 200;

  /** The page (1-based, clamped) of an in-memory list. */
  static <T> Paged<T> of(List<T> all, int page, int size) {
    int totalPages = Math.max(1, (all.size() + size - 1) / size);
    int current = Math.min(Math.max(page, 1), totalPages);
    int from = Math.min((current - 1) * size, all.size());
    return new Paged<>(all.subList(from, Math.min(from + size, all.size())), current, size, all.size(), totalPages);
  }

  static <T> Paged<T> of(Page<T> page) {
    return new Paged<>(page.getContent(), page.getNumber() + 1, page.getSize(), page.getTotalElements(),
        Math.max(1, page.getTotalPages()));
  }

  static int size(Integer requested) {
    return requested == null ? DEFAULT_SIZE : Math.min(Math.max(requested, 1), MAX_SIZE);
  }
}
