package cn.lantian.fact;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Max;

/** Where the inspection was recorded, as the inspector's phone gave it (WGS-84 degrees, accuracy in metres). */
public record Location(@NotNull @DecimalMin("-90") @DecimalMax("90") Double latitude,
                       @NotNull @DecimalMin("-180") @DecimalMax("180") Double longitude,
                       @PositiveOrZero @Max(100_000) Double accuracyM) {}
