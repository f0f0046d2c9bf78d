package cn.lantian.fact;

/** Heavy-pollution warning in force (重污染天气预警), from none to red (I 级). */
public enum AlertLevel {
    NONE, BLUE, YELLOW, ORANGE, RED
}
