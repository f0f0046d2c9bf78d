package cn.lantian.fact;

/**
 * A row of the labels table ({@code labels.csv}): the Chinese name of one code of one kind
 * ({@code ACTIVITY EARTHWORK 土方作业}), or of one field of the inspection record ({@code FIELD
 * site.enclosure.perimeterM 工地周长}, with its {@code unit}). Pages, checklists and the rules' messages
 * all read their words from here, so that a code is named once.
 */
public record CodeLabel(String kind, String code, String label, @MayBeBlank String unit) {}
