package cn.lantian.fact;

import java.time.OffsetDateTime;

/**
 * An order to the subject. Only the fields its type uses are set: {@code activity} for STOP_ACTIVITY,
 * {@code violation} and {@code deadline} for RECTIFY, {@code limitPercent} for LIMIT_PRODUCTION,
 * {@code maxBannedStandard} for STOP_HEAVY_DIESEL_TRANSPORT.
 */
public record Order(OrderType type, Activity activity, String violation, OffsetDateTime deadline,
                    Integer limitPercent, String maxBannedStandard, String legalBasis, String reason,
                    String rule) {}
