package cn.lantian.fact;

/**
 * Which column of the site measures table a site is held to: ORDINARY, KEY_PROJECT (a key project
 * meeting every standard) or KEY_PROJECT_IN_BREACH (a key project with a dust violation).
 */
public record SiteClass(String name) {}
