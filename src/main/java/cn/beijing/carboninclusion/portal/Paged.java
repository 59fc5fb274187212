package cn.beijing.carboninclusion.portal;

import cn.beijing.carboninclusion.common.PublicPage;
import java.util.List;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;

/**
 * One page of a portal list, as the JSON format returns it ({@code page} counts from 1). Every list of the portal pages
 * the same way: its {@code page} and {@code size} parameters make a {@link Request}, which cuts the page from an
 * in-memory list or asks a repository for it.
 */
record Paged<T>(List<T> items, int page, int size, long totalItems, int totalPages) {
  static final int DEFAULT_SIZE = 20;
  static final int MAX_SIZE = 200;

  /** The page a list was asked for: {@code page} from 1 (lower values mean 1), {@code size} held to 1..200. */
  record Request(int page, int size) {
    static Request of(int page, Integer size) {
      return new Request(Math.max(page, 1), size == null ? DEFAULT_SIZE : Math.min(Math.max(size, 1), MAX_SIZE));
    }

    /** The same page for a repository (0-based). */
    Pageable pageable() {
      return PublicPage.of(page - 1, size, MAX_SIZE);
    }

    /** The page of an in-memory list; a page past the last is the last. */
    <T> Paged<T> slice(List<T> all) {
      int totalPages = Math.max(1, (all.size() + size - 1) / size);
      int current = Math.min(page, totalPages);
      int from = Math.min((current - 1) * size, all.size());
      return new Paged<>(all.subList(from, Math.min(from + size, all.size())), current, size, all.size(), totalPages);
    }
  }

  /** A page a repository answered for a {@link Request#pageable()}. */
  static <T> Paged<T> of(Page<T> page) {
    return new Paged<>(page.getContent(), page.getNumber() + 1, page.getSize(), page.getTotalElements(),
        Math.max(1, page.getTotalPages()));
  }
}
