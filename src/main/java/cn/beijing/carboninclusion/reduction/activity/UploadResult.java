package cn.beijing.carboninclusion.reduction.activity;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * The accepted activity upload of one reduction application.
 *
 * @param applicationId the reduction application
 * @param rows activity records in the file
 * @param reductionTco2e the reduction the methodology's formula computed from them (tCO2e, 6 decimals, rounded down)
 * @param sha256 hex SHA-256 of the uploaded bytes, so anyone can tell later which file the figure came from
 * @param uploadedAt when the upload was accepted
 */
public record UploadResult(Long applicationId, long rows, BigDecimal reductionTco2e, String sha256,
    Instant uploadedAt) {}
