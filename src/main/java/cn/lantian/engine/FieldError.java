package cn.lantian.engine;

/** A bad field of a request, named by its JSON path ("site.stockpiles.covered"). */
public record FieldError(String field, String message) {}
