package cn.lantian.fact;

/** A registered online monitor as the stream rules see it: the site it stands on, its jurisdiction and reporting interval. */
public record Monitor(String id, String subjectId, String jurisdiction, String parameter, int intervalSeconds) {}
