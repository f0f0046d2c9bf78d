package cn.lantian.fact;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * What the inspector noted of one item on site (现场检查情况): a text and the evidence files uploaded for it
 * (ids of {@code POST /api/v1/evidence}). Kept with the record and shown in its documents; the rules do not
 * read it.
 */
public record ItemNote(@NotBlank @Size(max = Limits.CODE, message = "{cn.lantian.fact.Size.text}") String item,
                       @Size(max = ItemNote.MAX_TEXT, message = "{cn.lantian.fact.Size.text}") String text,
                       @Size(max = ItemNote.MAX_EVIDENCE, message = "{cn.lantian.fact.Size.list}") @Distinct
                       List<@NotNull @Size(max = Limits.ID, message = "{cn.lantian.fact.Size.text}") String> evidence) {
    public static final int MAX_TEXT = 2000;
    public static final int MAX_EVIDENCE = 10;

    public ItemNote {
        evidence = evidence == null ? List.of() : List.copyOf(evidence);
    }
}
