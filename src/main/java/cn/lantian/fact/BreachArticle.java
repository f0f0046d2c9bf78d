package cn.lantian.fact;

/**
 * A row of the key-project breach table: violations under {@code article} are dust violations that put a
 * key project in breach; {@code legalBasis} is the policy that says so.
 */
public record BreachArticle(String article, String title, String legalBasis) {}
