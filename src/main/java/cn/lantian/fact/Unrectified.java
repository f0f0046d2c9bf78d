package cn.lantian.fact;

/** An item a correction order named that still fails on the follow-up (回头看), with the order it belongs to. */
public record Unrectified(String item, History.Rectification order) {}
