package cn.lantian.fact;

/** The environmental impact of a violation as a bureau grades it (裁量基准：环境影响). */
public enum Impact {
    SMALL, MEDIUM, LARGE, MAJOR
}
