package cn.lantian.fact;

import java.time.LocalDate;

/**
 * How an article in force came to be: the article it succeeds ({@code predecessor}, the row of the
 * repealed law) and the first day of its own force ({@code from}, 2026-08-15 for the Code). Continuing
 * conduct that began before that day is judged under the predecessor for the days before it and under
 * the successor from it (domain.md section 8).
 */
public record LawSuccession(LawArticle predecessor, LocalDate from) {

    /**
     * Whether the days before {@code from} stay under the predecessor when decided under {@code successor}'s
     * law (APL-37: the law of the conduct, unless the new one punishes more lightly; then every day is
     * judged under the new one, in one entry).
     */
    public boolean keepsOldLawFor(LawArticle successor) {
        return !successor.lighterThan(predecessor);
    }
}
