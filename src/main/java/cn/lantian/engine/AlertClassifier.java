package cn.lantian.engine;

import cn.lantian.fact.AlertLevel;
import cn.lantian.fact.Episode;
import cn.lantian.fact.Forecast;
import cn.lantian.fact.Parameter;
import cn.lantian.fact.Warning;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Classifies a daily-AQI forecast into a heavy-pollution warning level by the warning criteria in
 * rules/: the forecast is cut into episodes (heavy days, with gaps too short for the air to clear),
 * and the rules say which level each episode warrants.
 */
public final class AlertClassifier {
    /** The parameters that cut a forecast into episodes; the loader requires them with the criteria. */
    public static final String HEAVY_AQI = "episode.aqiAbove";
    public static final String MAX_GAP_DAYS = "episode.maxGapDays";

    private AlertClassifier() {}

    /** Reads a forecast body: consecutive days in order, each with a non-negative AQI. */
    public static Forecast read(RequestReader reader, String body) {
        Forecast forecast = reader.parse(body, Forecast.class);
        List<FieldError> errors = new ArrayList<>(reader.violations(forecast));
        if (errors.isEmpty()) {
            for (int i = 1; i < forecast.days().size(); i++) {
                var prev = forecast.days().get(i - 1).date();
                var date = forecast.days().get(i).date();
                if (ChronoUnit.DAYS.between(prev, date) != 1) {
                    errors.add(new FieldError("days[" + i + "].date",
                            "days must be consecutive: " + date + " does not follow " + prev));
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException("The forecast is invalid", errors);
        }
        return forecast;
    }

    public static Classification classify(Ruleset ruleset, Forecast forecast) {
        LocalDate day = forecast.days().get(0).date();
        double heavy = number(ruleset, day, HEAVY_AQI);
        int maxGap = (int) number(ruleset, day, MAX_GAP_DAYS);
        List<Episode> episodes = episodes(forecast, heavy, maxGap);
        RuleRun run = RuleRun.of(ruleset, day, session -> episodes.forEach(session::insert));
        List<Warning> warnings = run.inserted(Warning.class).stream()
                .sorted(Comparator.comparing(Warning::level).reversed()).toList();
        if (cn.lantian.fact.TableReads.collecting()) {
            // the article each warning cites, as a decision's citations are read (a fixture run's row coverage)
            cn.lantian.fact.Reference ref = ruleset.referenceAt(day);
            warnings.forEach(w -> ref.basisInForce(w.legalBasis()));
        }
        AlertLevel level = warnings.isEmpty() ? AlertLevel.NONE : warnings.get(0).level();
        return new Classification(ruleset.version(), level, episodes, warnings, run.trace());
    }

    private static double number(Ruleset ruleset, LocalDate day, String name) {
        return ruleset.referenceAt(day).parameter(name).map(Parameter::getNumber)
                .orElseThrow(() -> new IllegalStateException("parameter " + name + " is missing from rules/"));
    }

    /** Runs of heavy days (AQI above the threshold), joined across clean gaps of at most maxGap days. */
    static List<Episode> episodes(Forecast forecast, double heavyAbove, int maxGap) {
        List<Forecast.Day> days = forecast.days();
        List<Episode> episodes = new ArrayList<>();
        int start = -1;
        int lastHeavy = -1;
        for (int i = 0; i < days.size(); i++) {
            if (days.get(i).aqi() <= heavyAbove) {
                continue;
            }
            if (start >= 0 && i - lastHeavy - 1 > maxGap) {
                episodes.add(episode(days, start, lastHeavy));
                start = -1;
            }
            if (start < 0) {
                start = i;
            }
            lastHeavy = i;
        }
        if (start >= 0) {
            episodes.add(episode(days, start, lastHeavy));
        }
        return episodes;
    }

    private static Episode episode(List<Forecast.Day> days, int from, int to) {
        return new Episode(days.get(from).date(), days.get(to).date(),
                days.subList(from, to + 1).stream().map(Forecast.Day::aqi).toList());
    }
}
