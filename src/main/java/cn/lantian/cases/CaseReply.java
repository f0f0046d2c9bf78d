package cn.lantian.cases;

import cn.lantian.fact.Distinct;
import cn.lantian.fact.Limits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * A reply to a case (contract section 8): what the subject did ({@code note}), the items it says are put
 * right ({@code rectified}: the case's violation, or none when it only reports progress) and the evidence
 * files it uploaded for it ({@code evidence}, ids of {@code POST /api/v1/evidence}).
 */
public record CaseReply(@NotBlank @Size(max = CaseReply.MAX_NOTE, message = "{cn.lantian.fact.Size.text}") String note,
                        @Size(max = Limits.ORDER_ITEMS, message = "{cn.lantian.fact.Size.list}") @Distinct
                        List<@NotNull @Size(max = Limits.CODE, message = "{cn.lantian.fact.Size.text}") String> rectified,
                        @Size(max = CaseReply.MAX_EVIDENCE, message = "{cn.lantian.fact.Size.list}") @Distinct
                        List<@NotNull @Size(max = Limits.ID, message = "{cn.lantian.fact.Size.text}") String> evidence) {
    public static final int MAX_NOTE = 2000;
    public static final int MAX_EVIDENCE = 10;

    public CaseReply {
        rectified = rectified == null ? List.of() : List.copyOf(rectified);
        evidence = evidence == null ? List.of() : List.copyOf(evidence);
    }
}
