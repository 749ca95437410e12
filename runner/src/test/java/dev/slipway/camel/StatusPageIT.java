package dev.slipway.camel;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.slipway.testing.HeadlessChromium;
import dev.slipway.testing.PageDom;
import dev.slipway.testing.TestDatabase;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * The status page at {@code /} as a person sees it: a serve on a real PostgreSQL and Git with built previews, the
 * page opened in headless Chromium (Debian's {@code chromium} package, which CI's {@code .ci/run} installs). Without
 * a chromium on PATH the test fails, it is never skipped. The screenshot is kept in
 * {@code target/StatusPageIT.png} to look at.
 */
class StatusPageIT extends ServeTestBase {

    /** A head branch name a forge will pass on unchanged: markup, SQL and about 300 characters of Unicode. */
    static final String HOSTILE = "<script>alert(1)</script>'; drop database x; --"
            + "ünïcødé-ブランチ-分支-ветка-🚀🔥-עברית-العربية-e\u0301-\u200b-".repeat(7);
    static final int WIDTH = 1280;
    static final int HEIGHT = 900;
    static final int READY_BADGE = 0x1a7f37;
    static final int FAILED_BADGE = 0xcf222e;
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    private static final ObjectMapper JSON = new ObjectMapper();


    @Test
    void showsEachPreviewWithStateAndLastBuildAndTheDeliveriesWithAHostileBranchAsText(TestDatabase source,
                                                                                       TestDatabase state) {
        serve = ServeFixture.create(source, state, forge, dir, "").start();
        List<String> deliveries = openThreePullRequests();
        assertThat(serve.get("/").body()).as("the page as served")
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;&#39;; drop database x; --");
        URI page = serve.app().url().resolve("/");
        HeadlessChromium chromium = HeadlessChromium.onPath(directory(dir.resolve("chromium")));

        PageDom dom = PageDom.parse(chromium.dumpDom(page));
        BufferedImage screenshot = png(chromium.screenshot(page, WIDTH, HEIGHT));

        Map<String, PageDom.Row> previews = dom.rows("previews").stream()
                .collect(Collectors.toMap(r -> r.attributes().get("data-pr"), Function.identity()));
        assertThat(previews).containsOnlyKeys("1", "2", "3");
        assertPreview(previews.get("1"), "feature/nickname", "ready", "succeeded 1 migration applied; lint: 0 errors");
        assertPreview(previews.get("2"), "index", "failed", "failed 1 migration applied; lint: 1 error, 0 warnings");
        assertPreview(previews.get("3"), HOSTILE, "ready", "succeeded 1 migration applied; lint: 0 errors");
        assertThat(dom.count("script")).as("script elements on the page").isZero();
        assertThat(dom.rows("deliveries")).hasSize(3).allSatisfy(d -> {
            assertThat(d.cell("Forge")).isEqualTo("github");
            assertThat(d.cell("Event")).isEqualTo("pull_request opened");
            assertThat(d.cell("Result")).isEqualTo("202 accepted");
            assertThat(d.cell("Details")).startsWith("pull_request opened for " + serve.repo + " #");
        });
        assertThat(dom.rows("deliveries")).extracting(d -> d.cell("Delivery"))
                .containsExactlyInAnyOrderElementsOf(deliveries);
        assertThat(dom.text()).contains("No preview events yet");
        assertScreenshot(screenshot);
    }

    /** Opens #1 (a safe migration), #2 (an unsafe one) and #3 (safe, hostile branch); waits for their builds. */
    private List<String> openThreePullRequests() {
        String good = serve.git.openPullRequest(1, "feature/nickname",
                Map.of("migrations/flyway/V5__nickname.sql", ServeIT.SAFE));
        String bad = serve.git.openPullRequest(2, "index", Map.of("migrations/flyway/V5__index.sql", ServeIT.UNSAFE));
        String odd = serve.git.openPullRequest(3, "odd", Map.of("migrations/flyway/V5__odd.sql", ServeIT.SAFE));
        List<String> deliveries = List.of(
                deliveryId(serve.pullRequest("opened", 1, good, "feature/nickname", false, "2026-11-24T10:00:00Z")),
                deliveryId(serve.pullRequest("opened", 2, bad, "index", false, "2026-11-24T10:01:00Z")),
                deliveryId(serve.pullRequest("opened", 3, odd, HOSTILE, false, "2026-11-24T10:02:00Z")));
        serve.awaitPreview(1, "ready", good);
        serve.awaitPreview(2, "failed", bad);
        serve.awaitPreview(3, "ready", odd);
        return deliveries;
    }

    private void assertPreview(PageDom.Row row, String branch, String state, String lastBuild) {
        assertThat(row.cell("Pull request")).isEqualTo("#" + row.attributes().get("data-pr") + " open");
        assertThat(row.cell("Branch")).isEqualTo(branch);
        assertThat(row.cell("State")).isEqualTo(state);
        assertThat(row.cell("Database")).startsWith("preview_shop").endsWith("_pr_" + row.attributes().get("data-pr"));
        assertThat(row.cell("Last build")).startsWith(lastBuild).containsPattern("\nfinished \\d{4}-\\d\\d-\\d\\d ");
    }

    /** A real PNG of the window's size, not blank, showing both the ready and the failed badge colours. */
    private static void assertScreenshot(BufferedImage image) {
        assertThat(image.getWidth()).isEqualTo(WIDTH);
        assertThat(image.getHeight()).isEqualTo(HEIGHT);
        assertThat(colours(image)).as("distinct colours in the screenshot").hasSizeGreaterThan(16);
        assertThat(pixelsNear(image, READY_BADGE)).as("pixels of the ready badges' green, #1a7f37").isGreaterThan(400);
        assertThat(pixelsNear(image, FAILED_BADGE)).as("pixels of the failed badge's red, #cf222e").isGreaterThan(200);
    }

    private static BufferedImage png(Path file) {
        try {
            byte[] bytes = Files.readAllBytes(file);
            Files.copy(file, Path.of("target", "StatusPageIT.png"), StandardCopyOption.REPLACE_EXISTING);
            assertThat(Arrays.copyOf(bytes, PNG_SIGNATURE.length)).as("PNG signature of " + file).isEqualTo(PNG_SIGNATURE);
            BufferedImage image = ImageIO.read(file.toFile());
            assertThat(image).as("decoded " + file).isNotNull();
            return image;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Set<Integer> colours(BufferedImage image) {
        Set<Integer> out = new HashSet<>();
        for (int rgb : image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth())) {
            out.add(rgb & 0xffffff);
        }
        return out;
    }

    /** Pixels within 12 of {@code rgb} on each channel: colour management may nudge a colour a little. */
    private static long pixelsNear(BufferedImage image, int rgb) {
        return Arrays.stream(image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth()))
                .filter(p -> near(p >> 16, rgb >> 16) && near(p >> 8, rgb >> 8) && near(p, rgb)).count();
    }

    private static boolean near(int a, int b) {
        return Math.abs((a & 0xff) - (b & 0xff)) <= 12;
    }

    private static String deliveryId(HttpResponse<String> answer) {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
        try {
            return JSON.readTree(answer.body()).get("delivery").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path directory(Path path) {
        try {
            return Files.createDirectories(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
