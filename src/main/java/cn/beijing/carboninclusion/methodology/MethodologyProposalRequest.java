package cn.beijing.carboninclusion.methodology;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * 方法学建议: {@code POST /api/methodologies}. The formula is a FEEL expression over the named parameters and the list
 * {@code activities}; {@code parameters} is the JSON document of parameters (with units and values), activity
 * fields, example activities and the example result.
 */
public record MethodologyProposalRequest(
    @NotBlank @Pattern(regexp = "[A-Z0-9][A-Z0-9-]{2,39}", message = "编号须为 3 至 40 位大写字母、数字或连字符") String code,
    @NotBlank @Size(max = 200) String name,
    @NotBlank @Size(max = 60) String field,
    @NotNull @Min(1) @Max(2) Integer proposedLevel,
    @Size(max = 4000) String applicability,
    @Size(max = 4000) String baselineScenario,
    @Size(max = 4000) String projectScenario,
    @Size(max = 4000) String monitoringRequirements,
    @NotBlank @Size(max = 2000) String formula,
    @NotBlank @Size(max = 8000) String parameters) {}
