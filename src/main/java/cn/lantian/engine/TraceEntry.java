package cn.lantian.engine;

import java.util.Map;

/** One rule that fired: its name, its file, and the fact values its conditions matched. */
public record TraceEntry(String rule, String file, Map<String, Object> matched) {}
