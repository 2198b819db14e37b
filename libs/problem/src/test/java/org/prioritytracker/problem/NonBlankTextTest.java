package org.prioritytracker.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class NonBlankTextTest {

    private static final Pattern NON_BLANK = Pattern.compile(NonBlankText.PATTERN);

    /** White space to Java's strip(), or to ECMAScript's \s (TAB, VT, FF, ZWNBSP, any Zs, LF, CR, LS, PS). */
    private static boolean blank(char c) {
        return Character.isWhitespace(c)
                || c == '\t'
                || c == 0x0B
                || c == '\f'
                || c == '\n'
                || c == '\r'
                || c == 0xFEFF
                || c == 0x2028
                || c == 0x2029
                || Character.getType(c) == Character.SPACE_SEPARATOR;
    }

    @Test
    void everyCharacterOnItsOwnIsNonBlankExactlyWhenNeitherLanguageCallsItWhiteSpace() {
        for (int code = 0; code <= 0xFFFF; code++) {
            char c = (char) code;
            if (Character.isSurrogate(c)) {
                continue;
            }
            assertEquals(!blank(c), NON_BLANK.matcher(String.valueOf(c)).matches(), String.format("U+%04X", code));
        }
    }

    @Test
    void whatMatchesIsNeverEmptyOnceStripped() {
        for (int code = 0; code <= 0xFFFF; code++) {
            String text = " \u3000" + (char) code + "\t\u00a0";
            if (NON_BLANK.matcher(text).matches()) {
                assertFalse(text.strip().isEmpty(), String.format("U+%04X", code));
            }
        }
    }

    @Test
    void textOverSeveralLinesAndAroundWhiteSpaceMatches() {
        assertTrue(NON_BLANK.matcher("\n\n　第一行\n第二行\n").matches());
        assertTrue(NON_BLANK.matcher("a").matches());
        assertFalse(NON_BLANK.matcher("").matches());
        assertFalse(NON_BLANK.matcher(" \u3000\t\n\u00a0\ufeff").matches());
    }
}
