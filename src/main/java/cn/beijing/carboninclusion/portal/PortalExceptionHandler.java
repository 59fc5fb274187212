package cn.beijing.carboninclusion.portal;

import cn.beijing.carboninclusion.common.NotFoundException;
import java.util.Map;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.ModelAndView;

/**
 * The portal answers unknown records and malformed filters with a Chinese page (before the API's problem handler). It
 * advises the controllers of this package, which are all the portal's pages.
 */
@ControllerAdvice(basePackageClasses = PortalExceptionHandler.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class PortalExceptionHandler {

  @ExceptionHandler(NotFoundException.class)
  ModelAndView notFound(NotFoundException e) {
    return page(HttpStatus.NOT_FOUND, "未找到该记录", "没有编号为 " + e.id() + " 的公开记录。它可能尚未公开，或编号有误。");
  }

  @ExceptionHandler({MethodArgumentTypeMismatchException.class, PortalFormats.UnknownFormat.class})
  ModelAndView badRequest(Exception e) {
    String parameter = e instanceof MethodArgumentTypeMismatchException m ? m.getName() : "format";
    return page(HttpStatus.BAD_REQUEST, "查询条件有误", "参数 " + parameter + " 的值无法识别。");
  }

  private static ModelAndView page(HttpStatus status, String title, String message) {
    ModelAndView page = new ModelAndView("portal/error", Map.of("nav", "", "title", title, "message", message));
    page.setStatus(status);
    return page;
  }
}
