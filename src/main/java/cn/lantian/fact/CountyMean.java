package cn.lantian.fact;

/** The county's hourly mean PM10 for one hour (an event of the stream rules), the hour named by its start in epoch milliseconds. */
public record CountyMean(String jurisdiction, long hourStart, double valueUgM3) {}
