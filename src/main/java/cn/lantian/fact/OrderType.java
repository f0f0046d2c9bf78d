package cn.lantian.fact;

/** What an order tells the subject to do (contract v1 codes). */
public enum OrderType {
    STOP_ACTIVITY, STOP_WORK, RECTIFY, LIMIT_PRODUCTION, STOP_PRODUCTION, STOP_HEAVY_DIESEL_TRANSPORT,
    STOP_MATERIAL_TRANSPORT, SELF_DETERMINED, INTENSIFY_DUST_CONTROL
}
