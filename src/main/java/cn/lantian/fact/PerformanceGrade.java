package cn.lantian.fact;

/** 环保绩效分级 under the 2020 national technical guide; LEADING is 引领性. */
public enum PerformanceGrade {
    A, LEADING, B, B_MINUS, C, D, UNGRADED
}
