package io.chartstream.exchange.hl7.infrastructure;

import ca.uhn.hl7v2.DefaultHapiContext;
import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.util.Terser;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;

/** A sender's side of an MLLP connection: one message out, its ACK back, read with HAPI. */
public final class MllpClient implements AutoCloseable {

    private static final HapiContext HAPI = new DefaultHapiContext();

    /** An ACK's MSA and first ERR, as a sender reads them. */
    public record Ack(String code, String controlId, String errorLocation, String text, String er7) {}

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    public MllpClient(int port) throws IOException {
        this(new Socket("127.0.0.1", port));
    }

    /** Over a socket already connected (a TLS one). */
    public MllpClient(Socket connected) throws IOException {
        socket = connected;
        socket.setSoTimeout(30_000);
        in = new BufferedInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    public Ack send(String er7) throws IOException, HL7Exception {
        MllpFrames.write(out, er7);
        String ack = MllpFrames.read(in, 1 << 20);
        if (ack == null) {
            throw new IOException("the listener closed the connection without an ACK");
        }
        return read(ack);
    }

    public void sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** -1 once the listener has closed the connection. */
    public int readByte() throws IOException {
        return in.read();
    }

    public static Ack read(String ack) throws HL7Exception {
        Message message = HAPI.getPipeParser().parse(ack);
        Terser t = new Terser(message);
        String location = t.get("/ERR-2-1") == null
                ? null
                : t.get("/ERR-2-1") + "^" + t.get("/ERR-2-2") + "^" + t.get("/ERR-2-3");
        return new Ack(t.get("/MSA-1"), t.get("/MSA-2"), location, t.get("/ERR-8"), ack);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
