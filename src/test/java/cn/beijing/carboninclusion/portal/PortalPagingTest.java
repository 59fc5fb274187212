package cn.beijing.carboninclusion.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.PageRequest;

/** Every portal list pages through {@link Paged.Request}: the same bounds for an in-memory list and a repository. */
class PortalPagingTest {
  static final List<Integer> FIFTY = IntStream.rangeClosed(1, 50).boxed().toList();

  @Test
  void pageAndSizeAreHeldToTheirBounds() {
    assertThat(Paged.Request.of(1, null)).isEqualTo(new Paged.Request(1, Paged.DEFAULT_SIZE));
    assertThat(Paged.Request.of(0, 0)).isEqualTo(new Paged.Request(1, 1));
    assertThat(Paged.Request.of(-7, -1)).isEqualTo(new Paged.Request(1, 1));
    assertThat(Paged.Request.of(3, 9999)).isEqualTo(new Paged.Request(3, Paged.MAX_SIZE));
    assertThat(Paged.Request.of(3, 10).pageable()).isEqualTo(PageRequest.of(2, 10));
  }

  @Test
  void anInMemoryListIsCutAndAPagePastTheLastIsTheLast() {
    Paged<Integer> second = Paged.Request.of(2, 20).slice(FIFTY);
    assertThat(second.items()).containsExactlyElementsOf(FIFTY.subList(20, 40));
    assertThat(second).extracting(Paged::page, Paged::size, Paged::totalItems, Paged::totalPages)
        .containsExactly(2, 20, 50L, 3);
    Paged<Integer> past = Paged.Request.of(99, 20).slice(FIFTY);
    assertThat(past.page()).isEqualTo(3);
    assertThat(past.items()).containsExactlyElementsOf(FIFTY.subList(40, 50));
    Paged<Integer> none = Paged.Request.of(2, null).slice(List.of());
    assertThat(none).extracting(Paged::page, Paged::totalItems, Paged::totalPages).containsExactly(1, 0L, 1);
  }

  @Test
  void aRepositoryPageCountsFromOne() {
    Paged.Request request = Paged.Request.of(2, 20);
    Paged<Integer> page = Paged.of(new PageImpl<>(FIFTY.subList(20, 40), request.pageable(), 50));
    assertThat(page).extracting(Paged::page, Paged::size, Paged::totalItems, Paged::totalPages)
        .containsExactly(2, 20, 50L, 3);
    Paged<Integer> empty = Paged.of(new PageImpl<>(List.of(), Paged.Request.of(1, null).pageable(), 0));
    assertThat(empty.totalPages()).isEqualTo(1);
  }
}
