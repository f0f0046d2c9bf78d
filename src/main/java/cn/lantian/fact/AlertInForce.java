package cn.lantian.fact;

/**
 * The alert level a subject is held to: the level declared, or one stricter for a site near a
 * national monitoring station (一点一策).
 */
public record AlertInForce(AlertLevel level, AlertLevel declared) {

    public boolean atLeast(AlertLevel other) {
        return level.compareTo(other) >= 0;
    }
}
