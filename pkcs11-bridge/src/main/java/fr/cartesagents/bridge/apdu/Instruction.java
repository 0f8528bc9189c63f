package fr.cartesagents.bridge.apdu;

/** The ISO 7816-4/-8 instruction bytes (INS) an IAS-ECC agent card understands. */
public final class Instruction {

    public static final int ERASE_BINARY = 0x0E;
    public static final int VERIFY = 0x20;
    public static final int MANAGE_SECURITY_ENVIRONMENT = 0x22;
    public static final int CHANGE_REFERENCE_DATA = 0x24;
    public static final int PERFORM_SECURITY_OPERATION = 0x2A;
    public static final int RESET_RETRY_COUNTER = 0x2C;
    public static final int GENERATE_ASYMMETRIC_KEY_PAIR = 0x47;
    public static final int EXTERNAL_AUTHENTICATE = 0x82;
    public static final int GET_CHALLENGE = 0x84;
    public static final int INTERNAL_AUTHENTICATE = 0x88;
    public static final int SELECT = 0xA4;
    public static final int READ_BINARY = 0xB0;
    public static final int GET_RESPONSE = 0xC0;
    public static final int GET_DATA = 0xCA;
    /** GET DATA with an odd INS: the data field names the object (IAS-ECC SDOs). */
    public static final int GET_DATA_OBJECT = 0xCB;
    public static final int UPDATE_BINARY = 0xD6;

    private Instruction() {
    }

    /** The instruction's name, for messages and logs (never the data, which may hold a PIN). */
    public static String name(int ins) {
        return switch (ins) {
            case ERASE_BINARY -> "ERASE BINARY";
            case VERIFY -> "VERIFY";
            case MANAGE_SECURITY_ENVIRONMENT -> "MANAGE SECURITY ENVIRONMENT";
            case CHANGE_REFERENCE_DATA -> "CHANGE REFERENCE DATA";
            case PERFORM_SECURITY_OPERATION -> "PERFORM SECURITY OPERATION";
            case RESET_RETRY_COUNTER -> "RESET RETRY COUNTER";
            case GENERATE_ASYMMETRIC_KEY_PAIR -> "GENERATE ASYMMETRIC KEY PAIR";
            case EXTERNAL_AUTHENTICATE -> "EXTERNAL AUTHENTICATE";
            case GET_CHALLENGE -> "GET CHALLENGE";
            case INTERNAL_AUTHENTICATE -> "INTERNAL AUTHENTICATE";
            case SELECT -> "SELECT";
            case READ_BINARY -> "READ BINARY";
            case GET_RESPONSE -> "GET RESPONSE";
            case GET_DATA, GET_DATA_OBJECT -> "GET DATA";
            case UPDATE_BINARY -> "UPDATE BINARY";
            default -> String.format("INS %02X", ins);
        };
    }
}
