package cn.lantian.notice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The webhook must be an absolute http(s) URL (checked at start); the backoff doubles up to its cap. */
class NoticeSettingsTest {

    @Test
    void onlyAnAbsoluteHttpOrHttpsUrlIsAWebhook() {
        assertEquals("https", NoticeSettings.parse("https://gateway.city.example/lantian?key=k").getScheme());
        assertEquals("http", NoticeSettings.parse("HTTP://10.0.0.5:8088/sms").getScheme().toLowerCase());
        for (String bad : List.of("file:///etc/passwd", "ftp://gateway.city.example/x", "jar:file:/x.jar!/", "gopher://h/",
                "mailto:chief@city.example", "/relative/path", "gateway.city.example/hook", "https:///no-host",
                "https://user:password@gateway.city.example/", "https://gateway.city.example/#frag", "http://bad host/")) {
            assertThrows(IllegalArgumentException.class, () -> NoticeSettings.parse(bad), bad);
        }
    }

    @Test
    void theBackoffDoublesFromTheFirstRetryUpToTheCap() {
        List<Duration> waits = IntStream.rangeClosed(1, 12)
                .mapToObj(n -> NoticeSettings.backoff(Duration.ofSeconds(10), Duration.ofHours(1), n)).toList();
        assertEquals(List.of(10L, 20L, 40L, 80L, 160L, 320L, 640L, 1280L, 2560L, 3600L, 3600L, 3600L),
                waits.stream().map(Duration::toSeconds).toList());
        assertEquals(Duration.ofHours(1), NoticeSettings.backoff(Duration.ofSeconds(10), Duration.ofHours(1), 10_000));
    }
}
