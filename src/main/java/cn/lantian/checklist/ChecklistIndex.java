package cn.lantian.checklist;

import cn.lantian.checklist.Checklist.Basis;
import cn.lantian.fact.AlertLevel;
import java.util.List;

/**
 * The checklists the loaded rules publish and the names a page needs to show them: the standards
 * (site checklists), the performance grades (plant checklists), the alert levels with their titles and
 * every legal basis with its article title.
 */
public record ChecklistIndex(String rulesetVersion, List<String> standards, List<String> performanceGrades,
                             List<Level> alertLevels, List<Basis> legalBases) {

    public record Level(AlertLevel level, String title) {}
}
