package cn.lantian.fact;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import java.time.LocalDate;
import java.util.List;

/** A forecast of daily AQI (24-hour means), one entry per consecutive day, to classify into a warning level. */
public record Forecast(String jurisdiction, @NotEmpty List<@NotNull @Valid Day> days) {

    public record Day(@NotNull LocalDate date, @NotNull @PositiveOrZero Double aqi) {}
}
