package cn.lantian.engine;

import java.nio.file.Path;

/**
 * What a start-up serves: the rules, the stored version they are and its files. The engine holds what serves
 * ({@link ActiveRuleset}); where it comes from at start-up (the store's active version, or the rules folder kept
 * as a version) is the rule versions' concern ({@code cn.lantian.service.RulesetStartFromStore}).
 */
public interface RulesetStart {
    /**
     * The ruleset to serve first, loaded with {@code loader}; throws {@link IllegalStateException} (the service
     * does not start) when neither the store's active version nor the folder loads.
     */
    ActiveRuleset.Served initial(Path rulesDir, Path fixturesDir, RulesetLoader loader);
}
