package cn.beijing.carboninclusion.disclosure;

import cn.beijing.carboninclusion.common.PublicPage;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** 信息公开: the latest items of the disclosure feed, without login. */
@RestController
@RequestMapping("/api/public")
@Tag(name = "信息公开 public disclosure")
class PublicDisclosureController {
  private final DisclosureFeed feed;

  PublicDisclosureController(DisclosureFeed feed) {
    this.feed = feed;
  }

  @Operation(summary = "最新公开信息（公示、登记、异议处理结果、撤回、注销等）")
  @GetMapping("/disclosures")
  ResponseEntity<List<PublishedItem>> disclosures(@RequestParam(defaultValue = "0") int page,
      @RequestParam(defaultValue = "50") int size) {
    return PublicPage.answer(feed.latest(PublicPage.of(page, size)).map(PublishedItem::of));
  }
}
