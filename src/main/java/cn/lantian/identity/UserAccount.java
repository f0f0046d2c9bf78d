package cn.lantian.identity;

import java.time.OffsetDateTime;
import java.util.List;

/** A user as the ADMIN sees it: never the password or its hash. */
public record UserAccount(String username, List<Role> roles, List<String> subjects, List<String> jurisdictions,
                          boolean disabled, OffsetDateTime createdAt, OffsetDateTime updatedAt) {

    public Actor actor() {
        return new Actor(username, java.util.Set.copyOf(roles), java.util.Set.copyOf(subjects),
                java.util.Set.copyOf(jurisdictions));
    }
}
