package org.prioritytracker.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("domain")
class StorableTextTest {

    @Test
    void ordinaryTextIncludingTabsLineBreaksAndAstralCharactersIsStorable() {
        assertEquals(-1, StorableText.firstUnstorable("全省推进情况良好。\t第二行\r\n第三行 😀 <b>x</b> ${x}"));
        assertNull(StorableText.problem(""));
    }

    @Test
    void controlCharactersAndBrokenSurrogatesAreNot() {
        assertEquals(2, StorableText.firstUnstorable("ab\u0000c"));
        assertEquals(0, StorableText.firstUnstorable("\u0001"));
        assertEquals(1, StorableText.firstUnstorable("a\u007f"));
        assertEquals(1, StorableText.firstUnstorable("a\u0085"));
        assertEquals(1, StorableText.firstUnstorable("a\ud83d"), "a lone high surrogate at the end");
        assertEquals(0, StorableText.firstUnstorable("\ud83dx"), "a high surrogate without its low half");
        assertEquals(0, StorableText.firstUnstorable("\ude00"), "a lone low surrogate");
        assertEquals(
                "contains the character U+0000 at position 2, which cannot be stored",
                StorableText.problem("ab\u0000"));
    }
}
