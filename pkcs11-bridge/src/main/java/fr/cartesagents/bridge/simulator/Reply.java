package fr.cartesagents.bridge.simulator;

import java.util.Arrays;

import fr.cartesagents.bridge.apdu.StatusWord;

/** What a command handler of the simulated card answers: data (maybe none) and a status word. */
record Reply(byte[] data, StatusWord status) {

    private static final byte[] NONE = new byte[0];

    Reply {
        data = data.clone();
    }

    static Reply of(StatusWord status) {
        return new Reply(NONE, status);
    }

    static Reply ok() {
        return of(StatusWord.SUCCESS);
    }

    static Reply ok(byte[] data) {
        return new Reply(data, StatusWord.SUCCESS);
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    /** Data then status word, as the card sends them. */
    byte[] toBytes() {
        byte[] bytes = Arrays.copyOf(data, data.length + 2);
        bytes[data.length] = (byte) status.sw1();
        bytes[data.length + 1] = (byte) status.sw2();
        return bytes;
    }
}
