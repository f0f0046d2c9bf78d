package cn.lantian.registry;

import cn.lantian.fact.PerformanceGrade;
import cn.lantian.fact.SubjectKind;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A subject's profile as sent ({@code PUT /api/v1/subjects/{id}}, or a row of an imported list): kind,
 * jurisdiction and name are required; the rest may be left out. A credit code is the 18-character
 * 统一社会信用代码 (GB 32100-2015 alphabet, no I, O, S, V or Z).
 */
public record SubjectRequest(
        @NotNull SubjectKind kind,
        @NotBlank @Size(max = 64) String jurisdiction,
        @NotBlank @Size(max = 200) String name,
        @Pattern(regexp = CREDIT_CODE, message = "must be an 18-character unified social credit code (统一社会信用代码)")
        String creditCode,
        @Size(max = 100) String projectCode,
        @Size(max = 400) String address,
        @Size(max = 100) String legalRepresentative,
        @Size(max = 400) String builder,
        @Size(max = 400) String contractor,
        PerformanceGrade performanceGrade,
        @Size(max = 200) String industry) {

    public static final String CREDIT_CODE = "[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}";
}
