package cn.lantian.registry;

import java.time.OffsetDateTime;

/**
 * A registered subject's profile (一地一档 / 一企一档): a site's builder and contractor, a plant's grade and
 * industry; the credit code (统一社会信用代码) of the plant or of the site's builder, or a site's project code.
 */
public record Profile(String id, String kind, String jurisdiction, String name, String creditCode, String projectCode,
                      String address, String legalRepresentative, String builder, String contractor,
                      String performanceGrade, String industry, OffsetDateTime createdAt, OffsetDateTime updatedAt) {}
