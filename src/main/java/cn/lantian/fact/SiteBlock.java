package cn.lantian.fact;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;

/**
 * An inspected block of a site record. A count/area pair is a "100%" item: compliant only when the
 * part equals the whole; a whole of 0 means the item does not apply. Every number is bounded by what a
 * site can hold ({@link Limits}).
 */
public sealed interface SiteBlock {

    /** 周边围挡: enclosed length of the perimeter and the lowest panel measured. */
    @PartWithinWhole(part = "enclosedM", whole = "perimeterM")
    record Enclosure(@NotNull @PositiveOrZero @DecimalMax(Limits.LENGTH_M) Double perimeterM, @NotNull @PositiveOrZero @DecimalMax(Limits.LENGTH_M) Double enclosedM,
                     @NotNull @PositiveOrZero @DecimalMax(Limits.HEIGHT_M) Double minHeightM, @NotNull Boolean alongMainRoad)
            implements SiteBlock {}

    /** 物料堆放: stockpiles of earth, sand or powder, and how many are covered or closed. */
    @PartWithinWhole(part = "covered", whole = "count")
    record Stockpiles(@NotNull @PositiveOrZero @Max(Limits.COUNT) Integer count, @NotNull @PositiveOrZero @Max(Limits.COUNT) Integer covered)
            implements SiteBlock {}

    /** 裸露地面: bare soil and how much of it is covered, greened or hardened. */
    @PartWithinWhole(part = "coveredM2", whole = "areaM2")
    record BareSoil(@NotNull @PositiveOrZero @DecimalMax(Limits.AREA_M2) Double areaM2, @NotNull @PositiveOrZero @DecimalMax(Limits.AREA_M2) Double coveredM2)
            implements SiteBlock {}

    /** 出入车辆冲洗: the washing facility and the vehicles that left during the inspection. */
    @PartWithinWhole(part = "vehiclesWashed", whole = "vehiclesLeaving")
    record Washing(@NotNull Boolean facilityInstalled, @NotNull @PositiveOrZero @Max(Limits.COUNT) Integer vehiclesLeaving,
                   @NotNull @PositiveOrZero @Max(Limits.COUNT) Integer vehiclesWashed, @NotNull Boolean mudOnRoad)
            implements SiteBlock {}

    /** 道路硬化: site roads and entrance, and how much of them is hardened. */
    @PartWithinWhole(part = "hardenedM2", whole = "areaM2")
    record Roads(@NotNull @PositiveOrZero @DecimalMax(Limits.AREA_M2) Double areaM2, @NotNull @PositiveOrZero @DecimalMax(Limits.AREA_M2) Double hardenedM2)
            implements SiteBlock {}

    /** 湿法作业: dusty operations seen and how many of them were sprayed. */
    @PartWithinWhole(part = "wetOperations", whole = "dustyOperations")
    record WetWork(@NotNull @PositiveOrZero @Max(Limits.COUNT) Integer dustyOperations, @NotNull @PositiveOrZero @Max(Limits.COUNT) Integer wetOperations)
            implements SiteBlock {}

    /** 渣土车辆: muck trucks seen and how many were closed or covered. */
    @PartWithinWhole(part = "sealed", whole = "count")
    record MuckTrucks(@NotNull @PositiveOrZero @Max(Limits.COUNT) Integer count, @NotNull @PositiveOrZero @Max(Limits.COUNT) Integer sealed)
            implements SiteBlock {}

    /** 在线监测与视频监控: the devices installed and whether they report to the platform. */
    record Monitoring(@NotNull Boolean pm10MonitorInstalled, @NotNull Boolean videoInstalled,
                      @NotNull Boolean connected) implements SiteBlock {}

    /** 非道路移动机械: machines on site, registered (编码登记) and meeting emission and fuel standards. */
    @PartWithinWhole(part = "registered", whole = "count")
    @PartWithinWhole(part = "compliant", whole = "count")
    record Machinery(@NotNull @PositiveOrZero @Max(Limits.COUNT) Integer count, @NotNull @PositiveOrZero @Max(Limits.COUNT) Integer registered,
                     @NotNull @PositiveOrZero @Max(Limits.COUNT) Integer compliant) implements SiteBlock {}

    /** 两个禁止: concrete or mortar mixed on site. */
    record OnSiteMixing(@NotNull Boolean concrete, @NotNull Boolean mortar) implements SiteBlock {}
}
