package cn.beijing.carboninclusion.portal;

import cn.beijing.carboninclusion.reduction.ParticipantFigures;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/**
 * 份额核验: anyone checks a participant's proof against a published Merkle root (docs/participants.md). The answer is
 * computed from the submitted fields alone; the platform looks nothing up, so it reveals nothing else.
 */
@Controller
class PortalShareController {
  private static final int MAX_FIELD = 5000;
  private final ParticipantFigures participants;

  PortalShareController(ParticipantFigures participants) {
    this.participants = participants;
  }

  @GetMapping("/portal/verify-share")
  ModelAndView verify(@RequestParam(required = false) String root, @RequestParam(required = false) String pseudonym,
      @RequestParam(required = false) String creditedTco2e, @RequestParam(required = false) String paidYuan,
      @RequestParam(required = false) String index, @RequestParam(required = false) String treeSize,
      @RequestParam(required = false) String path) {
    Map<String, Object> model = new LinkedHashMap<>();
    model.put("nav", "reductions");
    model.put("title", "参与者份额核验");
    Map<String, String> form = new LinkedHashMap<>();
    form.put("root", clip(root));
    form.put("pseudonym", clip(pseudonym));
    form.put("creditedTco2e", clip(creditedTco2e));
    form.put("paidYuan", clip(paidYuan));
    form.put("index", clip(index));
    form.put("treeSize", clip(treeSize));
    form.put("path", clip(path));
    model.put("form", form);
    boolean submitted = pseudonym != null && !pseudonym.isBlank();
    if (submitted) {
      String field = "root";
      try {
        field = "creditedTco2e";
        BigDecimal credited = new BigDecimal(form.get("creditedTco2e").strip());
        field = "paidYuan";
        BigDecimal paid = new BigDecimal(form.get("paidYuan").strip());
        field = "index";
        long leaf = Long.parseLong(form.get("index").strip());
        field = "treeSize";
        long size = Long.parseLong(form.get("treeSize").strip());
        field = "path";
        List<String> hashes = Arrays.stream(form.get("path").split("[\\s,]+")).filter(h -> !h.isBlank()).toList();
        boolean verified = participants.verify(form.get("root"), form.get("pseudonym").strip(), credited, paid, leaf,
            size, hashes);
        model.put("verified", verified);
      } catch (NumberFormatException e) {
        model.put("problem", "字段格式有误 (malformed field: " + field + ")");
      } catch (IllegalArgumentException e) {
        model.put("problem", "字段格式有误 (malformed field: " + e.getMessage() + ")");
      }
    }
    return new ModelAndView("portal/verify-share", model);
  }

  private static String clip(String value) {
    if (value == null) {
      return "";
    }
    return value.length() > MAX_FIELD ? value.substring(0, MAX_FIELD) : value;
  }
}
