package io.chartstream.exchange.hl7.infrastructure;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * MLLP framing: a message is {@code 0x0B <bytes> 0x1C 0x0D}. Anything else where a frame should
 * start or inside one (a second start block, a frame past the size limit) is framing garbage:
 * {@link FramingError}, after which the connection is closed because no later byte can be trusted
 * to start a frame. Messages are read as UTF-8 (MSH-18 UNICODE UTF-8; ASCII is a subset).
 */
public final class MllpFrames {

    static final int START = 0x0B;
    static final int END = 0x1C;
    static final int CR = 0x0D;

    /** The stream is not MLLP. */
    public static class FramingError extends IOException {
        FramingError(String message) {
            super(message);
        }
    }

    private MllpFrames() {}

    /** The next message, or null when the peer closed the connection between frames. */
    public static String read(InputStream in, int maxBytes) throws IOException {
        int b = in.read();
        while (b == '\r' || b == '\n') { // some senders end a frame with CR LF
            b = in.read();
        }
        if (b == -1) {
            return null;
        }
        if (b != START) {
            throw new FramingError("expected the start block 0x0B, got 0x" + Integer.toHexString(b));
        }
        ByteArrayOutputStream message = new ByteArrayOutputStream(1024);
        while (true) {
            b = in.read();
            if (b == -1) {
                throw new FramingError("the connection closed inside a frame");
            }
            if (b == END) {
                int next = in.read();
                if (next != CR) {
                    throw new FramingError("the end block 0x1C is not followed by 0x0D");
                }
                return message.toString(StandardCharsets.UTF_8);
            }
            if (b == START) {
                throw new FramingError("a start block inside a frame");
            }
            if (message.size() >= maxBytes) {
                throw new FramingError("a frame longer than " + maxBytes + " bytes");
            }
            message.write(b);
        }
    }

    public static void write(OutputStream out, String message) throws IOException {
        byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
        byte[] frame = new byte[bytes.length + 3];
        frame[0] = START;
        System.arraycopy(bytes, 0, frame, 1, bytes.length);
        frame[bytes.length + 1] = END;
        frame[bytes.length + 2] = CR;
        out.write(frame);
        out.flush();
    }
}
