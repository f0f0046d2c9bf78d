package cn.lantian.fact;

import java.time.LocalDate;

/** A warning level an episode warrants under one criterion of the warning criteria table. */
public record Warning(AlertLevel level, int criterion, LocalDate episodeFrom, LocalDate episodeTo,
                      String legalBasis, String rule, String reason) {}
