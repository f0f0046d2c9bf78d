package cn.lantian.fact;

/** What was inspected: a construction site (住建局) or an industrial enterprise (生态环境局). */
public enum SubjectKind {
    SITE, ENTERPRISE
}
