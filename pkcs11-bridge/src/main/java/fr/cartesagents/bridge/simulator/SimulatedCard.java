package fr.cartesagents.bridge.simulator;

import static fr.cartesagents.bridge.apdu.Instruction.CHANGE_REFERENCE_DATA;
import static fr.cartesagents.bridge.apdu.Instruction.ERASE_BINARY;
import static fr.cartesagents.bridge.apdu.Instruction.EXTERNAL_AUTHENTICATE;
import static fr.cartesagents.bridge.apdu.Instruction.GENERATE_ASYMMETRIC_KEY_PAIR;
import static fr.cartesagents.bridge.apdu.Instruction.GET_CHALLENGE;
import static fr.cartesagents.bridge.apdu.Instruction.GET_DATA_OBJECT;
import static fr.cartesagents.bridge.apdu.Instruction.GET_RESPONSE;
import static fr.cartesagents.bridge.apdu.Instruction.INTERNAL_AUTHENTICATE;
import static fr.cartesagents.bridge.apdu.Instruction.MANAGE_SECURITY_ENVIRONMENT;
import static fr.cartesagents.bridge.apdu.Instruction.PERFORM_SECURITY_OPERATION;
import static fr.cartesagents.bridge.apdu.Instruction.READ_BINARY;
import static fr.cartesagents.bridge.apdu.Instruction.RESET_RETRY_COUNTER;
import static fr.cartesagents.bridge.apdu.Instruction.SELECT;
import static fr.cartesagents.bridge.apdu.Instruction.UPDATE_BINARY;
import static fr.cartesagents.bridge.apdu.Instruction.VERIFY;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import javax.smartcardio.CommandAPDU;
import javax.smartcardio.ResponseAPDU;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import fr.cartesagents.bridge.apdu.ApduTransport;
import fr.cartesagents.bridge.apdu.Instruction;
import fr.cartesagents.bridge.apdu.StatusWord;

/**
 * An IAS-ECC agent card in software, of the family OpenSC calls "IAS/ECC v1.0.1 Amos" (its ATR): the
 * master file with EF.ATR, EF.DIR and EF.SN, the PKCS#15 application, the user PIN and PUK, two RSA
 * key pairs generated on the card, an optional unblock key (see {@code docs/card-simulator.md} for
 * the APDUs and what is not simulated, secure messaging first). It answers command chains (CLA bit {@code 10}), short and extended APDUs, and keeps a long
 * response for GET RESPONSE ({@code 61xx}) when the command asked for less. Only the instruction and
 * status word are logged, never the data.
 *
 * <p>Thread-safe: the reader link and a test may talk to it from different threads.
 */
public final class SimulatedCard implements ApduTransport {

    private static final Logger LOG = LoggerFactory.getLogger(SimulatedCard.class);

    /**
     * The ATR OpenSC's {@code iasecc} driver lists as "IAS/ECC v1.0.1 Amos" (card-iasecc.c): T=1, then
     * 15 historical bytes whose "31 B8 64 ... 73 94 01 80 82 90 00" say IAS-ECC; TCK computed here.
     * That family is driven by OpenSC without secure messaging and with the plain ISO SELECT
     * variants, which is why it was chosen (docs/card-simulator.md).
     */
    private static final byte[] ATR = withCheckByte(new byte[] {
            0x3B, (byte) 0xDF, 0x18, (byte) 0xFF, (byte) 0x81, (byte) 0x91, (byte) 0xFE, 0x1F, (byte) 0xC3,
            0x00, 0x31, (byte) 0xB8, 0x64, 0x0C, 0x01, (byte) 0xEC, (byte) 0xC1, 0x73, (byte) 0x94, 0x01, (byte) 0x80,
            (byte) 0x82, (byte) 0x90, 0x00});

    private static final int CHAINING_BIT = 0x10;
    private static final Set<Integer> STATE_CHANGING = Set.of(VERIFY, CHANGE_REFERENCE_DATA, RESET_RETRY_COUNTER,
            GENERATE_ASYMMETRIC_KEY_PAIR, UPDATE_BINARY, ERASE_BINARY, EXTERNAL_AUTHENTICATE);

    private final SimulatedCardState state;
    private final Optional<Path> stateFile;
    private final CardSession session = new CardSession();
    private final PinCommands pins;
    private final ChallengeCommands challenges;
    private final SdoCommands objects;
    private final SecurityCommands security;
    private final FileCommands files;

    private SimulatedCard(SimulatedCardState state, Optional<Path> stateFile) {
        this.state = Objects.requireNonNull(state, "state");
        this.stateFile = stateFile;
        this.pins = new PinCommands(state, session);
        this.challenges = new ChallengeCommands(state, session);
        this.objects = new SdoCommands(state, session);
        this.security = new SecurityCommands(state, session);
        this.files = new FileCommands(state, session);
    }

    /** A card that lives in memory only. */
    public static SimulatedCard inMemory(SimulatedCardState state) {
        return new SimulatedCard(state, Optional.empty());
    }

    /**
     * The card kept in {@code file}: loaded if the file exists, otherwise {@code newCard} is saved
     * there. Every command that changes the card saves it again.
     */
    public static SimulatedCard keptIn(Path file, java.util.function.Supplier<SimulatedCardState> newCard) {
        SimulatedCardState state;
        if (Files.exists(file)) {
            state = SimulatedCardState.load(file);
        } else {
            state = newCard.get();
            state.save(file);
        }
        return new SimulatedCard(state, Optional.of(file));
    }

    public byte[] atr() {
        return ATR.clone();
    }

    /** Serial number, PIN and PUK counters (no secret), for tests and the simulator command. */
    public synchronized SimulatedCardState state() {
        return state;
    }

    public synchronized void powerOn() {
        session.clear();
    }

    public synchronized void powerOff() {
        session.clear();
    }

    public synchronized void reset() {
        session.clear();
    }

    @Override
    public ResponseAPDU transmit(CommandAPDU command) {
        return new ResponseAPDU(transmit(command.getBytes()));
    }

    /** One command APDU in, one response APDU out. */
    public synchronized byte[] transmit(byte[] commandBytes) {
        CommandAPDU command;
        try {
            command = new CommandAPDU(commandBytes);
        } catch (IllegalArgumentException e) {
            session.clearChain();
            return Reply.of(StatusWord.WRONG_LENGTH).toBytes();
        }
        Reply reply = process(command);
        LOG.debug("{} -> {}", Instruction.name(command.getINS()), reply.status().hex());
        return reply.toBytes();
    }

    private Reply process(CommandAPDU command) {
        int cla = command.getCLA();
        int ins = command.getINS();
        if ((cla & ~CHAINING_BIT) != 0) {
            session.clearChain();
            return Reply.of(StatusWord.CLASS_NOT_SUPPORTED);
        }
        if (ins == GET_RESPONSE && cla == 0) {
            return getResponse(command);
        }
        session.clearPendingResponse();
        if ((cla & CHAINING_BIT) != 0) {
            return receiveChainLink(command);
        }
        if (session.chainedInstruction != -1) {
            if (session.chainedInstruction != ins) {
                session.clearChain();
                return Reply.of(StatusWord.LAST_COMMAND_OF_CHAIN_EXPECTED);
            }
            command = endOfChain(command);
        }
        Reply reply = dispatch(command);
        if (STATE_CHANGING.contains(ins)) {
            stateFile.ifPresent(state::save);
        }
        return deliver(reply, command.getNe());
    }

    private Reply dispatch(CommandAPDU command) {
        return switch (command.getINS()) {
            case SELECT -> files.select(command);
            case READ_BINARY -> files.readBinary(command);
            case UPDATE_BINARY -> files.updateBinary(command);
            case ERASE_BINARY -> files.eraseBinary(command);
            case GET_DATA_OBJECT -> objects.getData(command);
            case GENERATE_ASYMMETRIC_KEY_PAIR -> objects.generateAsymmetricKeyPair(command);
            case VERIFY -> pins.verify(command);
            case CHANGE_REFERENCE_DATA -> pins.changeReferenceData(command);
            case RESET_RETRY_COUNTER -> pins.resetRetryCounter(command);
            case GET_CHALLENGE -> challenges.getChallenge(command);
            case EXTERNAL_AUTHENTICATE -> challenges.externalAuthenticate(command);
            case MANAGE_SECURITY_ENVIRONMENT -> security.manageSecurityEnvironment(command);
            case PERFORM_SECURITY_OPERATION -> security.performSecurityOperation(command);
            case INTERNAL_AUTHENTICATE -> security.internalAuthenticate(command);
            default -> Reply.of(StatusWord.INSTRUCTION_NOT_SUPPORTED);
        };
    }

    private Reply receiveChainLink(CommandAPDU command) {
        if (session.chainedInstruction != -1 && session.chainedInstruction != command.getINS()) {
            session.clearChain();
            return Reply.of(StatusWord.LAST_COMMAND_OF_CHAIN_EXPECTED);
        }
        session.chainedInstruction = command.getINS();
        byte[] link = command.getData();
        byte[] joined = Arrays.copyOf(session.chainedData, session.chainedData.length + link.length);
        System.arraycopy(link, 0, joined, session.chainedData.length, link.length);
        Arrays.fill(session.chainedData, (byte) 0);
        session.chainedData = joined;
        return Reply.ok();
    }

    private CommandAPDU endOfChain(CommandAPDU last) {
        byte[] link = last.getData();
        byte[] data = Arrays.copyOf(session.chainedData, session.chainedData.length + link.length);
        System.arraycopy(link, 0, data, session.chainedData.length, link.length);
        session.clearChain();
        return last.getNe() == 0
                ? new CommandAPDU(last.getCLA(), last.getINS(), last.getP1(), last.getP2(), data)
                : new CommandAPDU(last.getCLA(), last.getINS(), last.getP1(), last.getP2(), data, last.getNe());
    }

    /** What does not fit in the command's Ne waits for GET RESPONSE, announced by 61xx. */
    private Reply deliver(Reply reply, int ne) {
        byte[] data = reply.data();
        if (!reply.status().isSuccess() || data.length <= ne) {
            return reply;
        }
        session.pendingResponse = data;
        session.pendingOffset = ne;
        return new Reply(Arrays.copyOf(data, ne), StatusWord.bytesRemaining(session.pendingBytes()));
    }

    private Reply getResponse(CommandAPDU command) {
        if (command.getP1() != 0 || command.getP2() != 0) {
            return Reply.of(StatusWord.INCORRECT_P1_P2);
        }
        if (session.pendingBytes() == 0) {
            return Reply.of(StatusWord.CONDITIONS_OF_USE_NOT_SATISFIED);
        }
        int wanted = command.getNe() == 0 ? 256 : command.getNe();
        int count = Math.min(wanted, session.pendingBytes());
        byte[] data = Arrays.copyOfRange(session.pendingResponse, session.pendingOffset, session.pendingOffset + count);
        session.pendingOffset += count;
        if (session.pendingBytes() == 0) {
            session.clearPendingResponse();
            return Reply.ok(data);
        }
        return new Reply(data, StatusWord.bytesRemaining(session.pendingBytes()));
    }

    private static byte[] withCheckByte(byte[] atrWithoutCheck) {
        byte check = 0;
        for (int i = 1; i < atrWithoutCheck.length; i++) {
            check ^= atrWithoutCheck[i];
        }
        byte[] atr = Arrays.copyOf(atrWithoutCheck, atrWithoutCheck.length + 1);
        atr[atrWithoutCheck.length] = check;
        return atr;
    }
}
