package cn.lantian.fact;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The reference tables of a ruleset (the CSV files in rules/), read-only and shared by every
 * evaluation. Rules reach them as the global {@code ref}.
 */
public record Reference(List<StandardItem> standardItems, List<Parameter> parameters,
                        List<JurisdictionStandard> jurisdictions, List<AlertStep> alertSteps,
                        List<SiteMeasure> siteMeasures, List<ProductionMeasure> productionMeasures,
                        List<TruckBan> truckBans, List<WarningCondition> warningConditions,
                        List<LawArticle> legalBases, List<FineScale> fineScale,
                        Map<String, List<LawArticle>> articlesByNational) {

    public Reference(List<StandardItem> standardItems, List<Parameter> parameters,
                     List<JurisdictionStandard> jurisdictions, List<AlertStep> alertSteps,
                     List<SiteMeasure> siteMeasures, List<ProductionMeasure> productionMeasures,
                     List<TruckBan> truckBans, List<WarningCondition> warningConditions,
                     List<LawArticle> legalBases, List<FineScale> fineScale) {
        this(standardItems, parameters, jurisdictions, alertSteps, siteMeasures, productionMeasures, truckBans,
                warningConditions, legalBases, fineScale, legalBases.stream().collect(Collectors.groupingBy(
                        a -> a.overrides() == null ? a.code() : a.overrides())));
    }

    /**
     * The legal-bases rows an article's violations may be decided under: the article itself and the local
     * articles that name it in {@code overrides}. An index, so that a rule matches two rows, not the table.
     */
    public List<LawArticle> articlesFor(String national) {
        return articlesByNational.getOrDefault(national, List.of());
    }

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
