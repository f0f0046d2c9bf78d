package cn.lantian.fact;

/**
 * A row of the fine scale (裁量基准): from {@code fromCount} violation codes under one article, the
 * recommended fine stands at {@code fraction} of the way from the minimum to the maximum.
 */
public record FineScale(int fromCount, double fraction, String title, String legalBasis) {}
