package cn.beijing.carboninclusion.disclosure;

import cn.beijing.carboninclusion.common.PublicPage;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The published journal heads: public, paged, newest first; their check against the chains for the authorities. */
@RestController
@Tag(name = "日志头公布 published journal heads")
class JournalHeadsController {
  private final JournalHeadPublication publication;

  JournalHeadsController(JournalHeadPublication publication) {
    this.publication = publication;
  }

  @Operation(summary = "每日公布的哈希链日志头（登记簿日志、决定日志）：日期、条目数、日志头哈希，最新在前，分页")
  @GetMapping("/api/public/journal-heads")
  ResponseEntity<List<JournalHeadPublication.PublishedHead>> heads(@RequestParam(defaultValue = "0") int page,
      @RequestParam(defaultValue = "50") int size) {
    var request = PublicPage.of(page, size);
    return PublicPage.answer(publication.page(request.getOffset(), request.getPageSize()), publication.count());
  }

  @Operation(summary = "重算登记簿日志与决定日志（含非公开明细），并核对每个已公布的日志头 (bureau, techcenter)")
  @GetMapping("/api/journal-heads/verify")
  @PreAuthorize("hasAnyAuthority('GROUP_bureau', 'GROUP_techcenter')")
  JournalHeadPublication.Verification verify() {
    return publication.verify();
  }
}
