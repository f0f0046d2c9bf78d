package cn.lantian.fact;

/** Work under way on a site at the inspection; the only source of what is happening there. */
public enum Activity {
    EARTHWORK, DEMOLITION, MUCK_TRANSPORT, OUTDOOR_SPRAY_PAINTING, SLOPE_SHOTCRETE, CONCRETE_MIXING,
    OUTDOOR_CONSTRUCTION
}
