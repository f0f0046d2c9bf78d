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

    // Drools reads "ref.x" through getX(); the record accessors alone are not enough for it.

    public List<StandardItem> getStandardItems() {
        return standardItems;
    }

    public List<Parameter> getParameters() {
        return parameters;
    }

    public List<AlertStep> getAlertSteps() {
        return alertSteps;
    }

    public List<SiteMeasure> getSiteMeasures() {
        return siteMeasures;
    }

    public List<ProductionMeasure> getProductionMeasures() {
        return productionMeasures;
    }

    public List<TruckBan> getTruckBans() {
        return truckBans;
    }

    public List<WarningCondition> getWarningConditions() {
        return warningConditions;
    }

    public List<LawArticle> getLegalBases() {
        return legalBases;
    }

    public List<FineScale> getFineScale() {
        return fineScale;
    }

    /** A named parameter's value, for the plumbing that needs one outside the rules (episode splitting). */
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
