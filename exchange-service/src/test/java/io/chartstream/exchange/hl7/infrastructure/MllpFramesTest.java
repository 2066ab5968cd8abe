package io.chartstream.exchange.hl7.infrastructure;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class MllpFramesTest {

    private static InputStream bytes(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void framesAreReadInOrderAndACloseBetweenFramesEndsTheStream() throws Exception {
        InputStream in = bytes("\u000BMSH|a\u001C\r\r\n\u000BMSH|b\u001C\r");

        assertEquals("MSH|a", MllpFrames.read(in, 100));
        assertEquals("MSH|b", MllpFrames.read(in, 100));
        assertNull(MllpFrames.read(in, 100));
    }

    @Test
    void whatIsWrittenIsReadBackWithItsUtf8() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        MllpFrames.write(out, "PID|||1||Müller^Chloé");

        assertEquals("PID|||1||Müller^Chloé", MllpFrames.read(new ByteArrayInputStream(out.toByteArray()), 100));
    }

    @Test
    void bytesWhereAFrameShouldStartAreFramingGarbage() {
        assertThrows(MllpFrames.FramingError.class, () -> MllpFrames.read(bytes("GET / HTTP/1.1\r\n"), 100));
    }

    @Test
    void aStartBlockInsideAFrameAnUnterminatedFrameAndAnOversizedFrameAreFramingGarbage() {
        assertThrows(MllpFrames.FramingError.class, () -> MllpFrames.read(bytes("\u000BMSH|\u000Bx\u001C\r"), 100));
        assertThrows(MllpFrames.FramingError.class, () -> MllpFrames.read(bytes("\u000BMSH|never ends"), 100));
        assertThrows(
                MllpFrames.FramingError.class,
                () -> MllpFrames.read(bytes("\u000B" + "x".repeat(101) + "\u001C\r"), 100));
        assertThrows(MllpFrames.FramingError.class, () -> MllpFrames.read(bytes("\u000BMSH|\u001Cx"), 100));
    }
}
