package cn.lantian.fact;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * What the inspector saw on a construction site. Each block is optional: an absent block was not
 * inspected and yields neither a pass nor a violation.
 */
public record Site(
        List<@NotNull Activity> activities,
        Boolean nightWork,
        @Valid SiteBlock.Enclosure enclosure,
        @Valid SiteBlock.Stockpiles stockpiles,
        @Valid SiteBlock.BareSoil bareSoil,
        @Valid SiteBlock.Washing washing,
        @Valid SiteBlock.Roads roads,
        @Valid SiteBlock.WetWork wetWork,
        @Valid SiteBlock.MuckTrucks muckTrucks,
        @Valid SiteBlock.Monitoring monitoring,
        @Valid SiteBlock.Machinery machinery,
        @Valid SiteBlock.OnSiteMixing onSiteMixing,
        @PositiveOrZero Double pm10HourlyUgM3) {

    /** No activities listed means none under way; night work is only what evidence shows. */
    public Site {
        activities = activities == null ? List.of() : activities;
        nightWork = Boolean.TRUE.equals(nightWork);
    }

    /** The blocks that were inspected, each inserted as a fact of its own. */
    public List<SiteBlock> blocks() {
        return Stream.<SiteBlock>of(enclosure, stockpiles, bareSoil, washing, roads, wetWork, muckTrucks,
                monitoring, machinery, onSiteMixing).filter(Objects::nonNull).toList();
    }
}
