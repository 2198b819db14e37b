package org.prioritytracker.task.seed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Checks the seed files against the conference text they are taken from. */
class SeedDataTest {

    private static final String PARAGRAPH_START = "会议确定，2025年要抓好以下八个方面重点任务";
    private static final String[] ORDINALS = {"一是", "二是", "三是", "四是", "五是", "六是", "七是", "八是"};

    private final Path seeds = Path.of(System.getProperty("tracker.root", ".."), "seeds");
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void everyPriorityAndSubItemOfTheParagraphIsSeededInOrder() throws IOException {
        JsonNode file = json.readTree(seeds.resolve("priorities.json").toFile());
        assertEquals(1, file.get("formatVersion").asInt());
        List<String> sentences = prioritySentences(file.at("/source/file").asText());
        JsonNode priorities = file.get("priorities");
        assertEquals(8, priorities.size());

        for (int i = 0; i < 8; i++) {
            JsonNode priority = priorities.get(i);
            List<String> clauses = List.of(sentences.get(i).split("，"));
            assertEquals("P" + (i + 1), priority.get("code").asText());
            assertEquals(i + 1, priority.get("position").asInt());
            assertEquals(clauses.get(0), priority.get("titleZh").asText(), "title of P" + (i + 1));
            assertEnglish(priority.get("titleEn").asText());

            // The sub-items' source phrases, in order and without repeats, are the rest of the sentence.
            Set<String> sourcePhrases = new LinkedHashSet<>();
            JsonNode items = priority.get("items");
            for (int j = 0; j < items.size(); j++) {
                JsonNode item = items.get(j);
                String source = item.get("sourceText").asText();
                String titleZh = item.get("titleZh").asText();
                assertEquals("P" + (i + 1) + "." + (j + 1), item.get("code").asText());
                assertEquals("2025-12-31", item.get("dueDate").asText());
                assertEnglish(item.get("titleEn").asText());
                assertTrue(
                        source.contains("、") || source.contains("和") || source.equals(titleZh),
                        item.get("code") + ": a sub-item that is not split from a bundle keeps the text as written");
                assertTrue(
                        titleZh.codePoints().allMatch(c -> source.indexOf(c) >= 0),
                        item.get("code") + ": the title uses only words of its source phrase");
                sourcePhrases.add(source);
            }
            assertEquals(
                    clauses.subList(1, clauses.size()), new ArrayList<>(sourcePhrases), "sub-items of P" + (i + 1));
        }
    }

    @Test
    void bundledPhrasesAreTrackedAsSeparateSubItems() throws IOException {
        JsonNode items =
                json.readTree(seeds.resolve("priorities.json").toFile()).at("/priorities/2/items");
        List<String> titles = new ArrayList<>();
        items.forEach(item -> titles.add(item.get("titleZh").asText()));
        assertTrue(titles.stream().anyMatch(t -> t.contains("蓝天")));
        assertTrue(titles.stream().anyMatch(t -> t.contains("碧水") && !t.contains("蓝天")));
        assertTrue(titles.stream().anyMatch(t -> t.contains("净土") && !t.contains("碧水")));
    }

    @Test
    void theThirtyTwoReportingBureausHaveUniqueCodes() throws IOException {
        JsonNode file = json.readTree(seeds.resolve("provinces.json").toFile());
        assertEquals(1, file.get("formatVersion").asInt());
        JsonNode bureaus = file.get("bureaus");
        assertEquals(32, bureaus.size());
        Set<String> codes = new HashSet<>();
        Pattern provincialCode = Pattern.compile("[1-6][0-9]0000");
        for (JsonNode bureau : bureaus) {
            String code = bureau.get("code").asText();
            assertTrue(provincialCode.matcher(code).matches(), code);
            assertTrue(codes.add(code), "duplicate " + code);
            assertFalse(bureau.get("nameZh").asText().isBlank());
            assertEnglish(bureau.get("nameEn").asText());
        }
        assertEquals(
                31,
                bureaus.findValuesAsText("kind").stream()
                        .filter(k -> !k.equals("production-corps"))
                        .count());
        assertTrue(codes.containsAll(Set.of("110000", "130000", "320000", "440000", "540000", "650000", "660000")));
    }

    private List<String> prioritySentences(String sourceFile) throws IOException {
        String paragraph = Files.readAllLines(seeds.resolve(sourceFile), StandardCharsets.UTF_8).stream()
                .map(String::strip)
                .filter(line -> line.startsWith(PARAGRAPH_START))
                .findFirst()
                .orElseThrow(() -> new AssertionError("paragraph not found in " + sourceFile));
        List<String> sentences = new ArrayList<>();
        for (int i = 0; i < ORDINALS.length; i++) {
            int start = paragraph.indexOf(ORDINALS[i]);
            assertTrue(start >= 0, ORDINALS[i]);
            int end = paragraph.indexOf('。', start);
            sentences.add(paragraph.substring(start + ORDINALS[i].length(), end));
        }
        return sentences;
    }

    private static void assertEnglish(String text) {
        assertFalse(text.isBlank());
        assertTrue(text.chars().allMatch(c -> c < 128), "English title expected: " + text);
    }
}
