package cn.lantian.fact;

/** A circumstance that puts every fine of the decision at its maximum (顶格处罚). */
public record FineAtMaximum(String reason) {}
