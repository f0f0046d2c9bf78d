package cn.lantian.fact;

import java.util.List;
import java.util.Optional;

/**
 * The reference tables of a ruleset (the CSV files in rules/), read-only and shared by every
 * evaluation. Rules reach them as the global {@code ref}.
 */
public record Reference(List<StandardItem> standardItems, List<Parameter> parameters,
                        List<JurisdictionStandard> jurisdictions, List<AlertStep> alertSteps,
                        List<SiteMeasure> siteMeasures, List<ProductionMeasure> productionMeasures,
                        List<TruckBan> truckBans, List<WarningCondition> warningConditions,
                        List<LawArticle> legalBases, List<FineScale> fineScale) {

    /** A named parameter, for the plumbing that needs one outside the rules (episodes, the calendar's zone). */
    public Optional<Parameter> parameter(String name) {
        return parameters.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    public List<String> standards() {
        return standardItems.stream().map(StandardItem::standard).distinct().toList();
    }

    public List<String> itemsOf(String standard) {
        return standardItems.stream().filter(r -> r.standard().equals(standard)).map(StandardItem::item).toList();
    }

    public Optional<String> standardOf(String jurisdiction) {
        return jurisdictions.stream().filter(j -> j.jurisdiction().equals(jurisdiction))
                .map(JurisdictionStandard::standard).findFirst();
    }
}
